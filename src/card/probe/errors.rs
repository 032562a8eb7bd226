//! Turning PC/SC failures met before or around a probe into card findings, so the CLI and
//! the GUI say the same thing (`service.unavailable`, `reader.none`, `card.absent`, …).
//!
//! The codes are the same on every platform; the advice names what a user has there: pcscd on
//! Linux, the "Smart Card" service on Windows (which Windows 8 and later only run while a reader
//! is plugged in, so "not running" usually means "no reader").

use crate::card::pcsc::{PcscError, PcscStack};
use crate::finding::card as f;
use crate::finding::{Finding, FindingDef, finding_def as def};

def!(
    SERVICE_UNAVAILABLE_WINDOWS,
    "service.unavailable",
    Error,
    "The card-reader service (Smart Card) is not running",
    "读卡器服务（Smart Card）未运行",
    "Plug the card reader in and wait a few seconds: Windows starts its Smart Card service when a reader is connected. If it stays off, press Win+R, type services.msc, open \"Smart Card\", set the startup type to Automatic and press Start.",
    "插好读卡器，等几秒：连上读卡器后，Windows 会自动启动 Smart Card 服务。如果仍未运行，请按 Win+R，输入 services.msc，打开“Smart Card”，把启动类型设为“自动”，再点“启动”。"
);
def!(
    SERVICE_FAILED,
    "service.unavailable",
    Error,
    "The card-reader service (PC/SC) reported an internal error",
    "读卡器服务（PC/SC）内部出错",
    "Unplug the reader and plug it in again; if that does not help, restart the service (sudo systemctl restart pcscd) and try again.",
    "拔下读卡器再插上；如果没有用，请重新启动读卡器服务（sudo systemctl restart pcscd）后重试。"
);
def!(
    SERVICE_FAILED_WINDOWS,
    "service.unavailable",
    Error,
    "The card-reader service (Smart Card) reported an internal error",
    "读卡器服务（Smart Card）内部出错",
    "Unplug the reader and plug it in again; if that does not help, restart the \"Smart Card\" service (Win+R, services.msc) or restart the computer.",
    "拔下读卡器再插上；如果没有用，请重新启动“Smart Card”服务（按 Win+R，输入 services.msc），或重启电脑。"
);
def!(
    READER_NONE_WINDOWS,
    "reader.none",
    Error,
    "No card reader is connected",
    "未连接读卡器",
    "Plug the USB card reader in (try another USB port or cable) and wait a few seconds; Device Manager should list it under \"Smart card readers\".",
    "插入 USB 读卡器（可换一个 USB 接口或数据线），稍等几秒；设备管理器的“智能卡读卡器”下应能看到它。"
);

/// The finding definition for a PC/SC failure, with the advice for this platform.
pub fn finding_def_for_pcsc(e: &PcscError) -> &'static FindingDef {
    finding_def_for_pcsc_on(e, PcscStack::HERE)
}

/// The finding definition for a PC/SC failure, with the advice for `stack`.
pub fn finding_def_for_pcsc_on(e: &PcscError, stack: PcscStack) -> &'static FindingDef {
    let windows = stack == PcscStack::WinScard;
    match e {
        PcscError::NoService | PcscError::ServiceStopped if windows => &SERVICE_UNAVAILABLE_WINDOWS,
        PcscError::NoService | PcscError::ServiceStopped | PcscError::Other(_) => {
            &f::SERVICE_UNAVAILABLE
        }
        PcscError::ServiceFailed(_) if windows => &SERVICE_FAILED_WINDOWS,
        PcscError::ServiceFailed(_) => &SERVICE_FAILED,
        PcscError::NoReaders | PcscError::UnknownReader(_) if windows => &READER_NONE_WINDOWS,
        PcscError::NoReaders | PcscError::UnknownReader(_) => &f::READER_NONE,
        PcscError::NoCard => &f::CARD_ABSENT,
        PcscError::Unresponsive => &f::CARD_MUTE,
        PcscError::Removed => &f::CARD_REMOVED,
        PcscError::SharingViolation => &f::READER_BUSY,
    }
}

/// The finding for a PC/SC failure, with the error as detail.
pub fn finding_for_pcsc(e: &PcscError) -> Finding {
    Finding::new(finding_def_for_pcsc(e), Some(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every failure a Windows user can meet while finding the readers keeps its code and gets
    /// advice that names what to do on Windows.
    #[test]
    fn windows_failures_keep_their_codes_and_get_windows_advice() {
        let service = ("service.unavailable", "services.msc");
        let reader = ("reader.none", "Device Manager");
        let cases = [
            (pcsc::Error::NoService, service),
            (pcsc::Error::ServiceStopped, service),
            (pcsc::Error::InternalError, service),
            (pcsc::Error::UnknownError, service),
            (pcsc::Error::NoReadersAvailable, reader),
        ];
        for (raw, (code, words)) in cases {
            let e = PcscError::from(raw);
            let win = finding_def_for_pcsc_on(&e, PcscStack::WinScard);
            let lite = finding_def_for_pcsc_on(&e, PcscStack::PcscLite);
            assert_eq!(win.code, code, "{raw:?}");
            assert_eq!(lite.code, code, "{raw:?}");
            assert!(win.advice.en.contains(words), "{raw:?}: {}", win.advice.en);
            assert!(
                !lite.advice.en.contains(words),
                "{raw:?}: {}",
                lite.advice.en
            );
            // The one-line message (readers, the window's status line) names Windows' parts too.
            let (win_text, lite_text) = (
                e.text_on(PcscStack::WinScard),
                e.text_on(PcscStack::PcscLite),
            );
            assert!(
                ["Smart Card", "Device Manager"]
                    .iter()
                    .any(|w| win_text.en.contains(w)),
                "{raw:?}: {}",
                win_text.en
            );
            assert!(!lite_text.en.contains("Smart Card"), "{}", lite_text.en);
            for def in [win, lite] {
                assert_ne!(def.advice.get(Lang::En), def.advice.get(Lang::ZhCn));
            }
        }
        let internal = PcscError::from(pcsc::Error::InternalError);
        assert!(
            internal.to_string().contains("0x80100001"),
            "the detail keeps the code: {internal}"
        );
    }
}
