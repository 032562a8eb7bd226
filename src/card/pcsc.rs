//! The PC/SC backend (the `pcsc` crate over pcsc-lite or WinSCard): list readers with their card
//! state, wait for a card, connect shared with T=0 or T=1 and move raw bytes
//! ([`PcscCard`] is a [`RawTransport`]).
//!
//! PC/SC failures become a [`PcscError`] in plain words (REFERENCE.md §6). This module never
//! decides what a card means; the allowlist and the T=0 rules live in
//! [`crate::card::transport::CardChannel`].

use crate::card::transport::{Protocol, RawTransport, TransportError};
use crate::i18n::{Lang, Text};
use pcsc::{Context, ReaderState, Scope, ShareMode, State};
use std::ffi::CString;
use std::time::{Duration, Instant};

/// One reader and what is in it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReaderInfo {
    /// The reader's PC/SC name, e.g. `Virtual PCD 00 00`.
    pub name: String,
    /// Whether a card is in the reader.
    pub card_present: bool,
    /// The card's ATR, when a card is present and answered.
    pub atr: Option<Vec<u8>>,
}

impl ReaderInfo {
    /// The reader as the state of the last `SCardGetStatusChange` reports it.
    pub(crate) fn from_state(state: &ReaderState) -> ReaderInfo {
        let event = state.event_state();
        let card_present = event.contains(State::PRESENT);
        let atr = state.atr();
        ReaderInfo {
            name: state.name().to_string_lossy().into_owned(),
            card_present,
            atr: (card_present && !atr.is_empty()).then(|| atr.to_vec()),
        }
    }
}

/// Which PC/SC implementation the advice is for: the words differ (pcscd on Linux, the "Smart
/// Card" service on Windows, which Windows 8 and later only run while a reader is plugged in).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PcscStack {
    /// pcsc-lite (`pcscd`): Linux and the BSDs.
    PcscLite,
    /// WinSCard and the "Smart Card" service (`SCardSvr`).
    WinScard,
}

impl PcscStack {
    /// The stack of the platform this program was built for.
    pub const HERE: PcscStack = if cfg!(windows) {
        PcscStack::WinScard
    } else {
        PcscStack::PcscLite
    };
}

/// A PC/SC failure, in the words a shop owner understands.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PcscError {
    /// `SCARD_E_NO_SERVICE` and friends: pcscd (Linux) or the Smart Card service (Windows) is not
    /// running.
    #[error("the card-reader service (PC/SC) is not running")]
    NoService,
    /// `SCARD_E_SERVICE_STOPPED`: the service stopped while in use (Windows stops it when the last
    /// reader is unplugged).
    #[error("the card-reader service (PC/SC) stopped")]
    ServiceStopped,
    /// `SCARD_F_INTERNAL_ERROR`, `SCARD_F_UNKNOWN_ERROR`, `SCARD_F_COMM_ERROR` and the like: the
    /// service is there but failing, with the error's name and code.
    #[error("the card-reader service (PC/SC) failed: {0}")]
    ServiceFailed(String),
    /// `SCARD_E_NO_READERS_AVAILABLE`: no reader is connected (or its driver is missing).
    #[error("no card reader is connected")]
    NoReaders,
    /// `SCARD_E_NO_SMARTCARD`: the reader is empty.
    #[error("there is no card in the reader")]
    NoCard,
    /// `SCARD_E_UNKNOWN_READER`: no reader has this name or number.
    #[error("there is no reader called {0:?}")]
    UnknownReader(String),
    /// `SCARD_W_UNRESPONSIVE_CARD`: the card gave no ATR (wrong way round, magstripe-only, dirty chip).
    #[error("the card does not answer (no ATR)")]
    Unresponsive,
    /// `SCARD_W_REMOVED_CARD`: the card was taken out.
    #[error("the card was removed")]
    Removed,
    /// `SCARD_E_SHARING_VIOLATION`: another program holds the reader exclusively.
    #[error("another program is using the reader exclusively")]
    SharingViolation,
    /// Any other PC/SC error, with its name and code.
    #[error("PC/SC error: {0}")]
    Other(String),
}

impl PcscError {
    /// A one-line explanation with the next step for this platform, in both languages.
    pub fn text(&self) -> Text {
        self.text_on(PcscStack::HERE)
    }

    /// A one-line explanation with the next step on `stack`, in both languages.
    pub fn text_on(&self, stack: PcscStack) -> Text {
        match (self, stack) {
            (PcscError::NoService, PcscStack::WinScard) => Text::new(
                "The card-reader service (Smart Card) is not running: plug the reader in and wait a few seconds (Windows starts the service then); if it stays off, start the \"Smart Card\" service in services.msc and set it to Automatic.",
                "读卡器服务（Smart Card）未运行：请插上读卡器，等几秒（Windows 会自动启动该服务）；如果仍未运行，请在 services.msc 中启动“Smart Card”服务，并把启动类型设为“自动”。",
            ),
            (PcscError::NoService, PcscStack::PcscLite) => Text::new(
                "The card-reader service (PC/SC) is not running: plug the reader in, or start pcscd (sudo systemctl enable --now pcscd.socket).",
                "读卡器服务（PC/SC）未运行：请插上读卡器，或启动 pcscd（sudo systemctl enable --now pcscd.socket）。",
            ),
            (PcscError::ServiceStopped, PcscStack::WinScard) => Text::new(
                "The card-reader service (Smart Card) stopped, usually because the reader was unplugged: plug it back in, wait a few seconds and try again.",
                "读卡器服务（Smart Card）已停止，通常是因为读卡器被拔出：请重新插好读卡器，等几秒后重试。",
            ),
            (PcscError::ServiceStopped, PcscStack::PcscLite) => Text::new(
                "The card-reader service (pcscd) stopped: try again (it restarts on demand), or start it with sudo systemctl restart pcscd.",
                "读卡器服务（pcscd）已停止：请重试（它会按需重新启动），或运行 sudo systemctl restart pcscd 启动它。",
            ),
            (PcscError::ServiceFailed(_), PcscStack::WinScard) => Text::new(
                "The card-reader service (Smart Card) reported an internal error: unplug and replug the reader; if that does not help, restart the \"Smart Card\" service in services.msc or restart the computer.",
                "读卡器服务（Smart Card）内部出错：请拔插读卡器；如果没有用，请在 services.msc 中重新启动“Smart Card”服务，或重启电脑。",
            ),
            (PcscError::ServiceFailed(_), PcscStack::PcscLite) => Text::new(
                "The card-reader service (pcscd) reported an internal error: unplug and replug the reader; if that does not help, restart it with sudo systemctl restart pcscd.",
                "读卡器服务（pcscd）内部出错：请拔插读卡器；如果没有用，请运行 sudo systemctl restart pcscd 重新启动它。",
            ),
            (PcscError::NoReaders, PcscStack::WinScard) => Text::new(
                "No card reader is connected: plug it in, wait a few seconds, and check that Device Manager lists it under \"Smart card readers\".",
                "没有连接读卡器：请插上读卡器，等几秒，并在设备管理器的“智能卡读卡器”下确认能看到它。",
            ),
            (PcscError::NoReaders, PcscStack::PcscLite) => Text::new(
                "No card reader is connected: plug it in and check its driver.",
                "没有连接读卡器：请插上读卡器并检查驱动。",
            ),
            (PcscError::NoCard, _) => Text::new(
                "There is no card in the reader: insert it, chip first, face up.",
                "读卡器中没有卡：请将卡芯片朝前、正面朝上插入。",
            ),
            (PcscError::UnknownReader(_), _) => Text::new(
                "That reader is not connected: list the readers and pick one of them.",
                "该读卡器未连接：请先列出读卡器再从中选择。",
            ),
            (PcscError::Unresponsive, _) => Text::new(
                "The card does not answer: check it is inserted the right way round and the chip is clean.",
                "卡片无应答：请检查插卡方向是否正确、芯片是否干净。",
            ),
            (PcscError::Removed, _) => Text::new(
                "The card was taken out too early: insert it again and leave it in until the end.",
                "卡片拔出过早：请重新插入，读完之前不要拔出。",
            ),
            (PcscError::SharingViolation, _) => Text::new(
                "Another program is using the reader: close it (e.g. a smart-card or token tool) and retry.",
                "另一个程序正在占用读卡器：请关闭它（如智能卡或 U 盾工具）后重试。",
            ),
            (PcscError::Other(_), _) => Text::new(
                "The card-reader service reported an error: unplug and replug the reader, then retry.",
                "读卡器服务报告错误：请拔插读卡器后重试。",
            ),
        }
    }

    /// The explanation in `lang`.
    pub fn message(&self, lang: Lang) -> &'static str {
        self.text().get(lang)
    }

    /// Whether the service itself is gone, so a new context is needed (REFERENCE.md §6: restarting
    /// pcscd invalidates every context).
    pub fn is_service_lost(&self) -> bool {
        matches!(
            self,
            PcscError::NoService | PcscError::ServiceStopped | PcscError::ServiceFailed(_)
        )
    }
}

impl From<pcsc::Error> for PcscError {
    fn from(e: pcsc::Error) -> Self {
        use pcsc::Error as E;
        match e {
            E::NoService | E::InvalidHandle | E::Shutdown => PcscError::NoService,
            E::ServiceStopped => PcscError::ServiceStopped,
            E::InternalError
            | E::UnknownError
            | E::CommError
            | E::NoMemory
            | E::WaitedTooLong
            | E::ServerTooBusy => PcscError::ServiceFailed(code_name(e)),
            E::NoReadersAvailable | E::ReaderUnavailable => PcscError::NoReaders,
            E::NoSmartcard => PcscError::NoCard,
            E::UnknownReader => PcscError::UnknownReader(String::new()),
            E::UnresponsiveCard | E::UnsupportedCard | E::UnpoweredCard | E::ProtoMismatch => {
                PcscError::Unresponsive
            }
            E::RemovedCard => PcscError::Removed,
            E::SharingViolation => PcscError::SharingViolation,
            other => PcscError::Other(code_name(other)),
        }
    }
}

/// The error's text and code, e.g. "An internal consistency check failed (0x80100001)".
fn code_name(e: pcsc::Error) -> String {
    format!("{e} (0x{:08X})", e as u32)
}

/// A new PC/SC context (`SCardEstablishContext`, user scope).
pub(crate) fn establish() -> Result<Context, PcscError> {
    Context::establish(Scope::User).map_err(PcscError::from)
}

/// The names of the connected readers, sorted; empty when there are none.
pub(crate) fn reader_names(ctx: &Context) -> Result<Vec<String>, PcscError> {
    match ctx.list_readers_owned() {
        Ok(names) => {
            let mut names: Vec<String> = names
                .iter()
                .map(|n| n.to_string_lossy().into_owned())
                .collect();
            names.sort();
            Ok(names)
        }
        Err(pcsc::Error::NoReadersAvailable) => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

/// The current state of each of `names`, without waiting.
fn snapshot(ctx: &Context, names: &[String]) -> Result<Vec<ReaderState>, PcscError> {
    let mut states = names
        .iter()
        .map(|n| Ok(ReaderState::new(c_name(n)?, State::UNAWARE)))
        .collect::<Result<Vec<_>, PcscError>>()?;
    if !states.is_empty() {
        ctx.get_status_change(Duration::ZERO, &mut states)?;
    }
    Ok(states)
}

fn c_name(name: &str) -> Result<CString, PcscError> {
    CString::new(name).map_err(|_| PcscError::UnknownReader(name.to_owned()))
}

/// Every connected reader with its card state, sorted by name. No reader is an empty list;
/// no service is [`PcscError::NoService`].
pub fn list_readers() -> Result<Vec<ReaderInfo>, PcscError> {
    let ctx = establish()?;
    let names = reader_names(&ctx)?;
    Ok(snapshot(&ctx, &names)?
        .iter()
        .map(ReaderInfo::from_state)
        .collect())
}

/// The reader `wanted` names among `names` (sorted): its exact name, its index in the list, or
/// the only name that contains it.
pub fn resolve_reader(names: &[String], wanted: &str) -> Result<String, PcscError> {
    if let Some(n) = names.iter().find(|n| *n == wanted) {
        return Ok(n.clone());
    }
    if let Ok(i) = wanted.parse::<usize>() {
        return names
            .get(i)
            .cloned()
            .ok_or_else(|| PcscError::UnknownReader(wanted.to_owned()));
    }
    let mut matching = names.iter().filter(|n| n.contains(wanted));
    match (matching.next(), matching.next()) {
        (Some(n), None) => Ok(n.clone()),
        _ => Err(PcscError::UnknownReader(wanted.to_owned())),
    }
}

/// Waits up to `timeout` until a card is in `reader` (a name or an index into the sorted list;
/// `None`: any reader) and returns that reader's name. A zero timeout only looks once.
/// Follows readers plugged in meanwhile.
pub fn wait_for_card(reader: Option<&str>, timeout: Duration) -> Result<String, PcscError> {
    let ctx = establish()?;
    let deadline = Instant::now() + timeout;
    loop {
        let names = reader_names(&ctx)?;
        let watched = match reader {
            Some(wanted) => match resolve_reader(&names, wanted) {
                Ok(name) => vec![name],
                Err(e) if Instant::now() >= deadline => return Err(e),
                Err(_) => Vec::new(),
            },
            None => names,
        };
        let mut states = snapshot(&ctx, &watched)?;
        if let Some(s) = states
            .iter()
            .find(|s| s.event_state().contains(State::PRESENT))
        {
            return Ok(s.name().to_string_lossy().into_owned());
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(if watched.is_empty() && reader.is_none() {
                PcscError::NoReaders
            } else {
                PcscError::NoCard
            });
        }
        for s in &mut states {
            s.sync_current_state();
        }
        states.push(ReaderState::new(pcsc::PNP_NOTIFICATION(), State::UNAWARE));
        // The PnP reader's first answer only reports its count: sync it, then wait for real.
        ctx.get_status_change(Duration::ZERO, &mut states)
            .or_else(ignore_timeout)?;
        for s in &mut states {
            s.sync_current_state();
        }
        ctx.get_status_change(left, &mut states)
            .or_else(ignore_timeout)?;
    }
}

fn ignore_timeout(e: pcsc::Error) -> Result<(), PcscError> {
    match e {
        pcsc::Error::Timeout => Ok(()),
        other => Err(other.into()),
    }
}

/// How long a failed exchange waits for the reader to report the card gone before calling the
/// card mute (pcscd polls card presence a few times a second).
const REMOVAL_GRACE: Duration = Duration::from_millis(1200);

/// A card connected through PC/SC (`SCardConnect`, shared, T=0 or T=1).
pub struct PcscCard {
    ctx: Context,
    card: pcsc::Card,
    reader: String,
    atr: Vec<u8>,
    protocol: Protocol,
}

impl PcscCard {
    /// Connects to the card in `reader` (its exact name) in shared mode, letting the reader
    /// choose T=0 or T=1 (REFERENCE.md §1.4).
    pub fn connect(reader: &str) -> Result<PcscCard, PcscError> {
        let ctx = establish()?;
        let name = c_name(reader)?;
        let card = ctx
            .connect(
                &name,
                ShareMode::Shared,
                pcsc::Protocols::T0 | pcsc::Protocols::T1,
            )
            .map_err(|e| match e {
                pcsc::Error::UnknownReader | pcsc::Error::ReaderUnavailable => {
                    PcscError::UnknownReader(reader.to_owned())
                }
                other => other.into(),
            })?;
        let status = card.status2_owned()?;
        let protocol = match status.protocol2() {
            Some(pcsc::Protocol::T0) => Protocol::T0,
            Some(pcsc::Protocol::T1) => Protocol::T1,
            other => {
                return Err(PcscError::Other(format!("unsupported protocol {other:?}")));
            }
        };
        Ok(PcscCard {
            atr: status.atr().to_vec(),
            ctx,
            card,
            reader: reader.to_owned(),
            protocol,
        })
    }

    /// The reader's name.
    pub fn reader(&self) -> &str {
        &self.reader
    }

    /// After a failed exchange: is the card gone, or still there but silent?
    fn failure_kind(&self) -> TransportError {
        let Ok(name) = c_name(&self.reader) else {
            return TransportError::Removed;
        };
        let mut states = [ReaderState::new(name, State::UNAWARE)];
        if self
            .ctx
            .get_status_change(Duration::ZERO, &mut states)
            .is_err()
        {
            return TransportError::Removed;
        }
        let gone = |s: &ReaderState| {
            s.event_state()
                .intersects(State::EMPTY | State::UNAVAILABLE | State::UNKNOWN)
        };
        if gone(&states[0]) {
            return TransportError::Removed;
        }
        states[0].sync_current_state();
        match self.ctx.get_status_change(REMOVAL_GRACE, &mut states) {
            Ok(()) if gone(&states[0]) => TransportError::Removed,
            Ok(()) | Err(pcsc::Error::Timeout) => TransportError::Mute,
            Err(_) => TransportError::Removed,
        }
    }
}

impl RawTransport for PcscCard {
    fn atr(&self) -> &[u8] {
        &self.atr
    }

    fn protocol(&self) -> Protocol {
        self.protocol
    }

    fn transmit_raw(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        // A short-APDU response is at most 256 data bytes + SW1 SW2.
        let mut buf = [0u8; pcsc::MAX_BUFFER_SIZE];
        match self.card.transmit(command, &mut buf) {
            Ok(resp) => Ok(resp.to_vec()),
            Err(pcsc::Error::RemovedCard) => Err(TransportError::Removed),
            Err(
                e @ (pcsc::Error::NoService
                | pcsc::Error::ServiceStopped
                | pcsc::Error::InvalidHandle
                | pcsc::Error::ResetCard
                | pcsc::Error::SharingViolation),
            ) => Err(TransportError::Pcsc(PcscError::from(e).to_string())),
            Err(_) => Err(self.failure_kind()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_resolve_by_name_index_or_unique_part() {
        let names = vec![
            "ACS ACR39U 00 00".to_owned(),
            "Virtual PCD 00 00".to_owned(),
            "Virtual PCD 00 01".to_owned(),
        ];
        assert_eq!(resolve_reader(&names, "1").unwrap(), "Virtual PCD 00 00");
        assert_eq!(
            resolve_reader(&names, "Virtual PCD 00 01").unwrap(),
            "Virtual PCD 00 01"
        );
        assert_eq!(resolve_reader(&names, "ACR39").unwrap(), "ACS ACR39U 00 00");
        assert!(matches!(
            resolve_reader(&names, "Virtual"),
            Err(PcscError::UnknownReader(_))
        ));
        assert!(matches!(
            resolve_reader(&names, "7"),
            Err(PcscError::UnknownReader(_))
        ));
    }

    #[test]
    fn pcsc_errors_map_to_plain_words() {
        assert_eq!(
            PcscError::from(pcsc::Error::NoService),
            PcscError::NoService
        );
        assert_eq!(
            PcscError::from(pcsc::Error::InvalidHandle),
            PcscError::NoService
        );
        assert_eq!(
            PcscError::from(pcsc::Error::NoReadersAvailable),
            PcscError::NoReaders
        );
        assert_eq!(PcscError::from(pcsc::Error::NoSmartcard), PcscError::NoCard);
        assert_eq!(
            PcscError::from(pcsc::Error::UnresponsiveCard),
            PcscError::Unresponsive
        );
        assert_eq!(
            PcscError::from(pcsc::Error::RemovedCard),
            PcscError::Removed
        );
        assert_eq!(
            PcscError::from(pcsc::Error::SharingViolation),
            PcscError::SharingViolation
        );
        let other = PcscError::from(pcsc::Error::InsufficientBuffer);
        assert!(other.to_string().contains("0x80100008"), "{other}");
        for e in [PcscError::NoService, PcscError::Removed, other] {
            assert!(!e.message(Lang::En).is_empty());
            assert_ne!(e.message(Lang::En), e.message(Lang::ZhCn));
        }
    }
}
