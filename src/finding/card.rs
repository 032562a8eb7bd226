//! Card findings: what the probe concluded, with stable codes (support scripts and guides branch
//! on them; never rename one). `docs/findings.md` lists what triggers each.

use crate::finding::{FindingDef, finding_def as def};

def!(
    SERVICE_UNAVAILABLE,
    "service.unavailable",
    Error,
    "The card-reader service (PC/SC) is not running",
    "读卡器服务（PC/SC）未运行",
    "Plug the reader in and start the smart-card service (Linux: pcscd; Windows: Smart Card service), then try again.",
    "插好读卡器并启动智能卡服务（Linux:pcscd;Windows:Smart Card 服务），然后重试。"
);
def!(
    READER_NONE,
    "reader.none",
    Error,
    "No card reader is connected",
    "未连接读卡器",
    "Plug the USB card reader in (try another USB port or cable) and wait a few seconds.",
    "插入USB读卡器（可换一个USB接口或数据线），稍等几秒。"
);
def!(
    READER_BUSY,
    "reader.busy",
    Error,
    "Another program is using the card reader",
    "另一个程序正在独占读卡器",
    "Close other programs that use card readers (bank security tools, signing tools, GnuPG), then try again.",
    "关闭其他使用读卡器的程序（网银安全工具、签名工具、GnuPG 等），然后重试。"
);
def!(
    CARD_ABSENT,
    "card.absent",
    Warning,
    "No card was inserted in time",
    "未在规定时间内插入卡片",
    "Insert the card chip first, chip facing up, all the way in, and leave it there.",
    "将卡片芯片朝上、芯片一端先插入，插到底并保持不动。"
);
def!(
    CARD_MUTE,
    "card.mute",
    Error,
    "The chip does not answer",
    "芯片无响应",
    "Check the card is the right way round, wipe the chip with a dry cloth and try once more; if it still does not answer, the chip is damaged and the customer needs a new card from the bank.",
    "确认卡片方向正确，用干布擦拭芯片后再试一次；仍无响应说明芯片损坏，请持卡人到银行换卡。"
);
def!(
    CARD_NOT_PAYMENT,
    "card.not_payment",
    Error,
    "This is not a payment card a terminal can take",
    "这不是终端可受理的银行卡",
    "The chip answers but holds no payment application: ask for another card (bank card with the UnionPay, Visa, Mastercard or similar logo).",
    "芯片有响应，但没有支付应用：请换一张银行卡（带银联、Visa、万事达等标识）。"
);
def!(
    CARD_BLOCKED,
    "card.blocked",
    Error,
    "The card is blocked",
    "卡片已锁定",
    "The bank has blocked this card; no terminal will accept it. The customer must call the bank on the back of the card; take another card.",
    "发卡行已锁定此卡，任何终端都无法受理。请持卡人拨打卡背面的银行电话，并改用其他卡。"
);
def!(
    APP_BLOCKED,
    "app.blocked",
    Error,
    "The payment application on the card is blocked",
    "卡片上的支付应用已锁定",
    "The bank has blocked this application; the customer must contact the bank. Take another card.",
    "发卡行已锁定该应用，请持卡人联系银行，并改用其他卡。"
);
def!(
    APP_EXPIRED,
    "app.expired",
    Error,
    "The card has expired",
    "卡片已过期",
    "Check the computer's and the terminal's date first; if the date is right, the customer needs a renewed card. Take another card.",
    "先核对电脑和终端的日期；日期正确则说明卡已过期，请持卡人换新卡，并改用其他卡。"
);
def!(
    APP_NOT_YET_EFFECTIVE,
    "app.not_yet_effective",
    Error,
    "The card is not valid yet",
    "卡片尚未生效",
    "Check the terminal's date and time first; if they are right, the card only becomes valid later. Take another card.",
    "先核对终端的日期和时间；若正确，则此卡尚未到生效日期，请改用其他卡。"
);
def!(
    PIN_TRIES_EXHAUSTED,
    "pin.tries_exhausted",
    Error,
    "The card's PIN is blocked (no tries left)",
    "卡片密码已锁定（剩余次数为0）",
    "The PIN was entered wrongly too often. The customer must have the PIN unblocked at the bank; take another card.",
    "密码输错次数过多。请持卡人到银行解锁密码，并改用其他卡。"
);
def!(
    PIN_TRIES_LOW,
    "pin.tries_low",
    Warning,
    "Only one PIN try is left",
    "密码仅剩一次尝试机会",
    "Tell the customer: one more wrong PIN blocks the card. If unsure of the PIN, use another card.",
    "提醒持卡人：再输错一次密码卡片将被锁定；不确定密码时请改用其他卡。"
);
def!(
    GPO_REFUSED,
    "gpo.refused",
    Error,
    "The card refuses to start a transaction",
    "卡片拒绝开始交易",
    "The card's application will not accept this kind of transaction here (conditions of use). Try another card; if it is the customer's only card, they should ask the bank.",
    "卡片应用在此拒绝此类交易（使用条件不满足）。请改用其他卡；如持卡人只有这张卡，请其咨询银行。"
);
def!(
    CARD_DATA_MALFORMED,
    "card.data_malformed",
    Error,
    "The card's data is damaged or incomplete",
    "卡片数据损坏或不完整",
    "A terminal will show \"card error\" for this card. The customer needs a replacement card from the bank.",
    "终端读此卡会提示“卡片错误”。请持卡人到银行更换新卡。"
);
def!(
    CARD_REMOVED,
    "card.removed",
    Warning,
    "The card was taken out during the test",
    "检测过程中卡片被拔出",
    "Insert the card again and leave it in until the test says it is finished.",
    "重新插入卡片，检测完成前不要拔出。"
);
def!(
    CARD_CHIP_REQUIRED,
    "card.chip_required",
    Info,
    "This is a chip card: a swipe will be refused",
    "这是芯片卡：刷磁条会被拒绝",
    "Always insert the chip. In mainland China chip cards must never be swiped (fallback is closed).",
    "请始终插卡读芯片。在中国大陆，芯片卡不得刷磁条（降级交易已关闭）。"
);
def!(
    CARD_OK,
    "card.ok",
    Ok,
    "The card's chip is healthy",
    "卡片芯片正常",
    "The card reads end to end. If the terminal still fails with this card, look at the terminal, its network or its parameters.",
    "卡片可完整读取。如果终端仍然失败，请排查终端本身、网络或参数。"
);

def!(
    CARD_HARDWARE,
    "card.hardware",
    Error,
    "The chip reports a memory failure",
    "芯片报告存储器故障",
    "The chip is failing (status 6581). The customer needs a replacement card from the bank; take another card.",
    "芯片故障（状态字 6581）。请持卡人到银行更换新卡，并改用其他卡。"
);
def!(
    APP_USAGE_RESTRICTED,
    "app.usage_restricted",
    Warning,
    "The card's own rules forbid purchases here",
    "卡片自身的使用规则禁止在此消费",
    "The bank limited this card to domestic or to international use (Application Usage Control), so terminals here will refuse it. Take another card; the customer can ask the bank to lift the limit.",
    "发卡行将此卡限制为仅限境内或仅限境外使用（应用用途控制），本地终端会拒绝。请改用其他卡；持卡人可联系银行解除限制。"
);
def!(
    APP_OFFLINE_LIMIT_REACHED,
    "app.offline_limit_reached",
    Warning,
    "The card has used up its offline transactions",
    "卡片的脱机交易次数已用完",
    "Only a terminal that can go online will accept this card now; an offline terminal will decline. Make sure the terminal is connected, then retry.",
    "此卡现在只能在可联机的终端上使用，脱机终端会拒绝。请确认终端网络已连接后重试。"
);
def!(
    PROBE_GPO_SKIPPED,
    "probe.gpo_skipped",
    Info,
    "Read without starting a transaction: the card's records were not read",
    "未启动交易读取：卡片记录未读取",
    "Run the test again without --no-gpo to read everything (this counts as one transaction on the card's counter).",
    "不加 --no-gpo 再检测一次即可读取全部数据（会使卡片交易计数器加一）。"
);
def!(
    PROBE_COMMAND_REFUSED,
    "probe.command_refused",
    Error,
    "EMV Doctor stopped a command that could change the card",
    "EMV Doctor 阻止了一条可能修改卡片的指令",
    "Nothing was sent to the card. Save the report and send it to support: this is a fault in EMV Doctor, not in the card.",
    "指令未发送到卡片。请保存报告并发送给技术支持：这是 EMV Doctor 的问题，不是卡片的问题。"
);
def!(
    READER_PRESENT,
    "reader.present",
    Ok,
    "A card reader is connected",
    "已连接读卡器",
    "The reader is found; go on with the card.",
    "已找到读卡器，请继续检查卡片。"
);

/// What looking for a reader can find.
pub const READER: &[FindingDef] = &[READER_PRESENT, READER_NONE, SERVICE_UNAVAILABLE];

/// Every card finding, in the order a report lists them.
pub const ALL: &[FindingDef] = &[
    SERVICE_UNAVAILABLE,
    READER_NONE,
    READER_BUSY,
    CARD_ABSENT,
    CARD_MUTE,
    CARD_HARDWARE,
    CARD_NOT_PAYMENT,
    CARD_BLOCKED,
    APP_BLOCKED,
    APP_EXPIRED,
    APP_NOT_YET_EFFECTIVE,
    PIN_TRIES_EXHAUSTED,
    PIN_TRIES_LOW,
    GPO_REFUSED,
    CARD_DATA_MALFORMED,
    PROBE_COMMAND_REFUSED,
    CARD_REMOVED,
    APP_USAGE_RESTRICTED,
    APP_OFFLINE_LIMIT_REACHED,
    CARD_CHIP_REQUIRED,
    PROBE_GPO_SKIPPED,
    CARD_OK,
];

/// The definition of a card finding code (a probe's or a reader check's).
pub fn by_code(code: &str) -> Option<&'static FindingDef> {
    ALL.iter().chain(READER).find(|d| d.code == code)
}
