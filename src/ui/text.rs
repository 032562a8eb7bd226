//! Every fixed string the app shows, in English and Simplified Chinese, in one place.

use crate::i18n::{Lang, Text};

pub const APP_NAME: Text = Text::new("EMV Doctor", "EMV Doctor 刷卡诊断");
pub const TAGLINE: Text = Text::new(
    "Find out why a card terminal says \"EMV error\": test the card, walk through the checks, send support a report.",
    "查明刷卡终端为何提示“EMV错误”：检测银行卡，逐步排查，并向客服发送报告。",
);
pub const VERSION: Text = Text::new("Version", "版本");
pub const LANGUAGE: Text = Text::new("Language", "语言");

pub const TAB_CARD: Text = Text::new("Card", "银行卡");
pub const TAB_GUIDE: Text = Text::new("Step-by-step help", "逐步排查");
pub const TAB_NETWORK: Text = Text::new("Network & clock", "网络与时钟");
pub const TAB_REPORT: Text = Text::new("Report", "诊断报告");
/// The button from a guide outcome about monitoring to the monitoring page.
pub const GUIDE_TO_MONITORING: Text = Text::new(
    "Look for a pattern in the transaction export",
    "分析交易明细，找出失败的规律",
);
/// The monitoring page's tab.
pub const TAB_MONITORING: Text = Text::new("Transactions", "交易分析");

pub const GUIDE: Text = Text::new("Guide", "排查指南");
pub const GUIDE_CHOOSE: Text = Text::new("Choose a guide", "选择排查指南");
pub const GUIDE_PICK: Text = Text::new(
    "Choose a guide above to start. \"EMV error on the terminal\" is the place to begin.",
    "请在上方选择一个指南开始。终端提示“EMV错误”时，从第一个指南开始。",
);
pub const GUIDE_STEP: Text = Text::new("Step {n}", "第 {n} 步");
pub const GUIDE_BACK: Text = Text::new("⬅ Back", "⬅ 上一步");
pub const GUIDE_BACK_HINT: Text = Text::new(
    "Undo the last answer (Backspace)",
    "撤销上一个回答（退格键）",
);
pub const GUIDE_RESTART: Text = Text::new("Start again", "重新开始");
pub const GUIDE_RUN_CHECK: Text = Text::new("▶ Let EMV Doctor check", "▶ 让 EMV Doctor 自动检查");
pub const GUIDE_CHECK_RUNNING: Text = Text::new(
    "Checking… this takes a few seconds.",
    "正在检查……需要几秒钟。",
);
pub const GUIDE_BY_HAND: Text = Text::new("Answer by hand instead", "改为手动回答");
pub const GUIDE_HIDE_ANSWERS: Text = Text::new("Hide the answers", "隐藏选项");
pub const GUIDE_NOTE: Text = Text::new("Note", "备注");
pub const GUIDE_NOTE_HINT: Text = Text::new(
    "What you saw or tried (goes into the report)",
    "看到或尝试过的情况（会写入报告）",
);
pub const GUIDE_ADD_NOTE: Text = Text::new("Add note", "添加备注");
pub const GUIDE_PATH: Text = Text::new("So far", "已完成的步骤");
pub const GUIDE_KEYS_HINT: Text = Text::new(
    "Keys 1–9 pick an answer; Backspace goes back.",
    "按数字键 1–9 选择答案；按退格键返回上一步。",
);
pub const GUIDE_SOLVED: Text = Text::new("Solved", "问题已解决");
pub const GUIDE_HAND_OVER: Text = Text::new("Hand this over", "需要转交处理");
pub const GUIDE_CONFIRM: Text = Text::new("To make sure it is fixed:", "确认是否修好：");
pub const GUIDE_CALL: Text = Text::new("Call:", "联系：");
pub const GUIDE_TELL: Text = Text::new("Tell them:", "告知对方：");
pub const GUIDE_TO_REPORT: Text = Text::new("Go to the report", "查看诊断报告");

pub const CARD_TEST: Text = Text::new("▶ Test the card", "▶ 检测银行卡");
pub const CARD_TEST_HINT: Text = Text::new(
    "Reads the chip without changing anything on it (Enter)",
    "只读取芯片，不会修改卡内任何数据（回车键）",
);
pub const CARD_NO_GPO: Text = Text::new(
    "Light test (no transaction start)",
    "轻量检测（不发起交易）",
);
pub const CARD_NO_GPO_HINT: Text = Text::new(
    "Skips GET PROCESSING OPTIONS, which adds one to the card's transaction counter. Expiry, PAN and records may then be unreadable.",
    "跳过“获取处理选项”（该指令会使卡片交易计数器加一）。有效期、卡号和记录可能因此无法读取。",
);
pub const CARD_SOURCE_READER: Text = Text::new("Card reader", "读卡器");
pub const CARD_SOURCE_TRAINING: Text = Text::new("Training (virtual cards)", "培训模式（虚拟卡）");
pub const CARD_READER: Text = Text::new("Reader", "读卡器");
pub const CARD_SCENARIO: Text = Text::new("Virtual card", "虚拟卡");
pub const CARD_NO_READER: Text = Text::new("No reader selected", "未选择读卡器");
pub const CARD_TRAINING_NOTE: Text = Text::new(
    "Training mode: the card is simulated in the app, no reader is needed.",
    "培训模式：卡片由软件模拟，无需读卡器。",
);
pub const CARD_SERVICE_STARTING: Text = Text::new("Looking for card readers…", "正在查找读卡器……");
pub const CARD_NO_READER_CONNECTED: Text = Text::new(
    "No card reader is connected: plug the USB reader in.",
    "未连接读卡器：请插入USB读卡器。",
);
pub const CARD_PRESENT: Text = Text::new("A card is in the reader.", "读卡器中有卡。");
pub const CARD_INSERT: Text = Text::new(
    "Insert the card: chip first, chip facing up, all the way in.",
    "请插卡：芯片一端先插入，芯片朝上，插到底。",
);
pub const CARD_HOW: Text = Text::new(
    "Put the customer's card in the reader and press \"Test the card\". Nothing on the card is changed, and the card number is never shown in full.",
    "将顾客的卡插入读卡器，然后点击“检测银行卡”。检测不会修改卡内数据，卡号也不会完整显示。",
);
pub const CARD_APPS: Text = Text::new("Applications on the card", "卡内应用");
pub const CARD_ATR: Text = Text::new("Answer to reset (ATR)", "复位应答（ATR）");

pub const NET_HOST_TITLE: Text = Text::new("Payment host", "支付主机");
pub const NET_HOST_HELP: Text = Text::new(
    "The host and port your acquirer or terminal vendor gave you. EMV Doctor connects several times and measures loss, delay and the security certificate.",
    "填写收单机构或终端厂商提供的主机和端口。EMV Doctor 会多次连接，测量丢包、延迟和安全证书。",
);
pub const NET_TARGET: Text = Text::new("Host:port", "主机：端口");
pub const NET_TLS: Text = Text::new("Secure (TLS)", "安全连接（TLS）");
pub const NET_COUNT: Text = Text::new("Attempts", "次数");
pub const NET_RUN_HOST: Text = Text::new("▶ Check host", "▶ 检查主机");
pub const NET_CANCEL: Text = Text::new("Stop", "停止");
pub const NET_ATTEMPTS: Text = Text::new("Attempts:", "每次连接：");
pub const NET_CLOCK_TITLE: Text = Text::new("This computer's clock", "本机时钟");
pub const NET_NTP: Text = Text::new("Time server", "时间服务器");
pub const NET_RUN_CLOCK: Text = Text::new("▶ Check clock", "▶ 检查时钟");
pub const NET_IF_TITLE: Text = Text::new("Network connections", "网络连接");
pub const NET_RUN_IF: Text = Text::new("List", "列出");
pub const NET_WIRED: Text = Text::new("wired", "有线");
pub const NET_WIRELESS: Text = Text::new("Wi-Fi", "无线（Wi-Fi）");
pub const NET_LOOPBACK: Text = Text::new("loopback", "本地回环");
pub const NET_VIRTUAL: Text = Text::new("virtual", "虚拟");
pub const NET_UNKNOWN: Text = Text::new("unknown", "未知");
pub const NET_DEFAULT_ROUTE: Text = Text::new("in use", "正在使用");
pub const NET_UP: Text = Text::new("up", "已连接");
pub const NET_DOWN: Text = Text::new("down", "未连接");
pub const NET_UNAVAILABLE: Text = Text::new(
    "Network checks could not start on this computer.",
    "本机无法启动网络检查。",
);

pub const REPORT_FILE: Text = Text::new("Saved as", "已保存为");
pub const REPORT_NEXT: Text = Text::new("Next step:", "下一步：");
pub const REPORT_WHO: Text = Text::new("Who to call:", "联系谁：");
pub const REPORT_CONTENTS: Text = Text::new("In this report", "报告内容");
pub const REPORT_COUNTS: Text = Text::new(
    "{probes} card test(s), {walks} guide walk(s), {checks} network/clock check(s), {notes} note(s).",
    "{probes} 次卡片检测，{walks} 次指南排查，{checks} 次网络/时钟检查，{notes} 条备注。",
);
pub const REPORT_SHOP: Text = Text::new("Shop and terminal", "商户与终端");
pub const REPORT_NOTES: Text = Text::new("Notes", "备注");
pub const REPORT_ADD_NOTE: Text = Text::new("New note", "新备注");
pub const REPORT_SAVE: Text = Text::new("Save…", "保存……");
pub const REPORT_OPEN: Text = Text::new("Open…", "打开……");
pub const REPORT_EXPORT_HTML: Text =
    Text::new("Export for support (HTML)…", "导出给客服（HTML）……");
pub const REPORT_EXPORT_MD: Text = Text::new("Markdown…", "Markdown……");
pub const REPORT_EXPORT_JSON: Text = Text::new("JSON…", "JSON……");
pub const REPORT_REDACT: Text = Text::new("Hide shop details", "隐藏商户信息");
pub const REPORT_REDACT_HINT: Text = Text::new(
    "Leaves out the shop name, serial number and region, for sharing outside the company.",
    "导出时去掉商户名称、序列号和地区，便于对外分享。",
);
pub const REPORT_INCLUDE_TRAINING: Text = Text::new("Include practice records", "包括练习记录");
pub const REPORT_INCLUDE_TRAINING_HINT: Text = Text::new(
    "Keeps the training-mode card tests and practice walks in exports and summaries, marked as practice. Off: only the customer's records leave the app.",
    "导出和摘要里保留培训模式下的练习检测和练习排查，并标明是练习。不勾选时，只导出顾客的记录。",
);
pub const REPORT_PRACTICE: Text = Text::new("Practice", "练习");
pub const REPORT_PRACTICE_LEFT_OUT: Text = Text::new(
    "{n} practice record(s) (training mode) are left out of exports and summaries.",
    "{n} 条练习记录（培训模式）不会导出，也不在摘要里。",
);
pub const GUIDES_SKIPPED: Text = Text::new(
    "Some guide files in your guide folder could not be used, so they are not offered:",
    "指南文件夹里有些指南文件无法使用，所以没有列出：",
);
pub const GUIDE_FILE: Text = Text::new("File", "文件");
pub const GUIDES_SKIPPED_HINT: Text = Text::new(
    "Fix the file, or ask whoever sent it for a corrected one. `emv-doctor guide check FILE` lists every problem.",
    "请修改这个文件，或向提供文件的人要一份改好的。技术人员可以用 guide check 命令列出全部问题。",
);
pub const REPORT_NEW: Text = Text::new("New session", "新建会话");
pub const REPORT_SAVED: Text = Text::new("Report saved.", "报告已保存。");
pub const REPORT_EXPORTED: Text = Text::new("Exported.", "已导出。");
pub const REPORT_OPEN_FAILED: Text = Text::new("Could not open the report:", "无法打开报告：");
pub const REPORT_SAVE_FAILED: Text = Text::new("Could not save:", "无法保存：");
pub const RESTORE_TITLE: Text = Text::new("Restore the unfinished session?", "恢复未完成的会话？");
pub const RESTORE_TEXT: Text = Text::new(
    "EMV Doctor was closed before this session was saved (last change {when}). Everything entered up to then can be restored.",
    "上次会话在保存前被关闭（最后修改于 {when}）。可以恢复当时输入的全部内容。",
);
pub const RESTORE_YES: Text = Text::new("Restore", "恢复");
pub const RESTORE_NO: Text = Text::new("Start a new session", "新建会话");
pub const AUTOSAVE_FAILED: Text = Text::new(
    "Autosave failed (save the report by hand):",
    "自动保存失败（请手动保存报告）：",
);
pub const CARD_READER_GUIDE: Text = Text::new("Help with the reader", "读卡器排查指南");
pub const REPORT_ITEM_CARD: Text = Text::new("Card test,", "卡片检测，");
pub const REPORT_ITEM_GUIDE: Text = Text::new("Guide:", "指南：");
pub const REPORT_ITEM_IN_PROGRESS: Text = Text::new("in progress, step {n}", "进行中，第 {n} 步");
pub const REPORT_ITEM_HOST: Text = Text::new("Host check,", "主机检查，");
pub const REPORT_ITEM_CLOCK: Text = Text::new("Clock check,", "时钟检查，");

pub const GUIDE_CANCEL_CHECK: Text = Text::new("Stop the check (Esc)", "停止检查（Esc 键）");
pub const GUIDE_CHECK_CANCELLED: Text = Text::new(
    "The check was stopped; answer by hand or run it again.",
    "检查已停止，可以手动回答，或再检查一次。",
);
pub const CHECK_NO_READER: Text = Text::new(
    "No card reader is chosen on the card page, so the card could not be read.",
    "“检测银行卡”页面没有选中读卡器，所以没能读卡。",
);
pub const CARD_ERROR: Text = Text::new("The card reader reported a problem:", "读卡器出了问题：");
pub const WALK_STALE_TITLE: Text = Text::new(
    "This walk was made with another version of the guide, so it is shown read-only.",
    "这次排查用的是旧版指南，只能查看，不能接着做。",
);
pub const WALK_GUIDE_MISSING: Text = Text::new(
    "The guide of this walk is not installed on this computer.",
    "这台电脑上没有这次排查用的指南。",
);
pub const WALK_START_AGAIN: Text =
    Text::new("Start again with the current guide", "用当前指南重新开始");
pub const CLOSE_TITLE: Text = Text::new("Save your changes?", "要保存修改吗？");
pub const CLOSE_TEXT: Text = Text::new(
    "This report has changes that are not saved yet.",
    "这份报告还有没保存的修改。",
);
pub const CLOSE_SAVE: Text = Text::new("Save", "保存");
pub const CLOSE_DISCARD: Text = Text::new("Don't save", "不保存");
pub const CLOSE_CANCEL: Text = Text::new("Cancel", "取消");

pub const TAB_TOOLS: Text = Text::new("Tools", "工具");
pub const TAB_SETTINGS: Text = Text::new("Settings", "设置");

pub const NEW_TITLE: Text = Text::new("Start a new session?", "要新建会话吗？");
pub const NEW_TEXT: Text = Text::new(
    "This session has changes that are not saved in a report file. Save them first?",
    "当前会话有尚未保存到报告文件的修改。要先保存吗？",
);
pub const NEW_SAVE: Text = Text::new("Save, then start new", "先保存，再新建");
pub const NEW_DISCARD: Text = Text::new("Discard and start new", "不保存，直接新建");
pub const DISCARD_TITLE: Text =
    Text::new("Delete the unfinished session?", "要删除未完成的会话吗？");
pub const DISCARD_TEXT: Text = Text::new(
    "The session from {when} was never saved. If you start a new session it is deleted and cannot be brought back.",
    "{when} 的会话从未保存。新建会话后，它将被删除，无法找回。",
);
pub const DISCARD_YES: Text = Text::new("Delete it and start new", "删除并新建");
pub const DISCARD_BACK: Text = Text::new("Back", "返回");

pub const REPORT_COPY_SUMMARY: Text = Text::new("Copy summary", "复制摘要");
pub const REPORT_COPY_SUMMARY_HINT: Text = Text::new(
    "A short text for a chat or a ticket; card numbers masked.",
    "可发到聊天软件或工单的简短文字；卡号已遮蔽。",
);
pub const REPORT_SUMMARY_COPIED: Text = Text::new(
    "Summary copied: paste it into the chat with support.",
    "摘要已复制：请粘贴到与客服的聊天中。",
);
pub const REPORT_SAVE_PICTURE: Text = Text::new("Save summary picture", "保存摘要图片");
pub const REPORT_SAVE_PICTURE_HINT: Text = Text::new(
    "One picture with the verdict and a QR code, to send support through a messaging app.",
    "一张包含结论和二维码的图片，可通过聊天软件发给客服。",
);
pub const OPEN_FOLDER: Text = Text::new("Open folder", "打开文件夹");
pub const OPEN_FOLDER_FAILED: Text =
    Text::new("The folder could not be opened:", "无法打开文件夹：");

// The start page, the status bar and training mode.
pub const TAB_START: Text = Text::new("Start", "首页");
pub const START_MAIN: Text = Text::new("▶  Start troubleshooting", "▶  开始排查");
pub const START_MAIN_HINT: Text = Text::new(
    "The terminal says \"EMV error\" or a card is refused: start here, one question at a time.",
    "终端提示“EMV错误”或刷卡失败时，从这里开始，一次回答一个问题。",
);
pub const START_CARD: Text = Text::new("Test a card", "检测银行卡");
pub const START_NETWORK: Text = Text::new("Check the network", "检查网络");
pub const START_OPEN: Text = Text::new("Open a report", "打开报告");
pub const START_TRAINING: Text = Text::new("Staff practice", "员工练习");
pub const START_TRAINING_HINT: Text = Text::new(
    "Practice with virtual cards and situations at the counter. Nothing here is about a real customer.",
    "用虚拟卡和收银台情境练习。这里的结果都不是真实顾客的卡。",
);
pub const START_FOUND: Text = Text::new("On this computer", "本机检测结果");
pub const START_RECENT: Text = Text::new("Recent reports", "最近的报告");
pub const START_NET_LOOKING: Text = Text::new("Looking at the network…", "正在检查网络……");
pub const START_NET_OK: Text = Text::new("Network connected", "网络已连接");
pub const START_NET_WIFI: Text = Text::new("Network connected (Wi-Fi)", "网络已连接（无线）");
pub const START_NET_NONE: Text = Text::new(
    "This computer is not connected to a network",
    "这台电脑没有连上网络",
);
pub const START_PLUG_READER: Text = Text::new(
    "Plug the USB card reader into this computer. Without one you can still walk the guide or practise.",
    "请把USB读卡器插到这台电脑上。没有读卡器也可以逐步排查或练习。",
);
pub const START_NO_SERVICE_LINUX: Text = Text::new(
    "The card-reader service (pcscd) is not running on this computer ({system}). Unplug the reader and plug it in again, then restart the computer. If it still says this, ask whoever looks after this computer to install and start the PC/SC card-reader service. Until then you can walk the guide by hand or practise with virtual cards.",
    "这台电脑（{system}）的读卡器服务没有运行。请拔下读卡器再插上，然后重启电脑。如果还是这样，请让负责这台电脑的技术人员安装并开启读卡器服务。在此之前，可以手动逐步排查，或用虚拟卡练习。",
);
pub const START_NO_SERVICE_WINDOWS: Text = Text::new(
    "The Windows \"Smart Card\" service is stopped. Restart the computer; that usually starts it. If it still says this, ask whoever looks after this computer to set the Smart Card service to start automatically. Until then you can walk the guide by hand or practise with virtual cards.",
    "这台电脑的“智能卡”服务已停止。请重启电脑，通常就能恢复。如果还是这样，请让负责这台电脑的技术人员把“智能卡”服务设为自动启动。在此之前，可以手动逐步排查，或用虚拟卡练习。",
);
pub const START_NO_SERVICE_MAC: Text = Text::new(
    "The card-reader service of this Mac does not answer. Unplug the reader and plug it in again, or restart the computer. Until then you can walk the guide by hand or practise with virtual cards.",
    "这台苹果电脑的读卡器服务没有响应。请拔下读卡器再插上，或重启电脑。在此之前，可以手动逐步排查，或用虚拟卡练习。",
);
pub const SB_SERVICE_STARTING: Text =
    Text::new("Connecting to the card service…", "正在连接读卡器服务……");
pub const SB_SERVICE_OK: Text = Text::new("Card service running", "读卡器服务正常");
pub const SB_SERVICE_DOWN: Text = Text::new("Card service not running", "读卡器服务未运行");
pub const SB_NO_READER: Text = Text::new("No card reader", "没有读卡器");
pub const SB_ONE_READER: Text = Text::new("Card reader connected", "读卡器已连接");
pub const SB_READERS: Text = Text::new("{n} card readers connected", "已连接 {n} 台读卡器");
pub const SB_CARD_IN: Text = Text::new("A card is in the reader", "读卡器中有卡");
pub const SB_NO_CARD: Text = Text::new("No card in the reader", "读卡器中没有卡");
pub const SB_TRAINING: Text = Text::new("Training mode", "培训模式");
pub const SB_AUTOSAVE_OFF: Text = Text::new("Not autosaved", "不自动保存");
pub const SB_AUTOSAVE_IDLE: Text = Text::new("Nothing to save yet", "暂无需要保存的内容");
pub const SB_AUTOSAVED: Text = Text::new("Autosaved {time}", "已自动保存 {time}");
pub const SB_AUTOSAVE_FAILED: Text =
    Text::new("Autosave failed: save by hand", "自动保存失败：请手动保存");
pub const TRAINING_BANNER: Text = Text::new(
    "TRAINING MODE: virtual cards only. Nothing shown is a customer's card, and guide checks still use the real reader.",
    "培训模式：只用虚拟卡。这里显示的都不是顾客的卡，排查指南的检测仍然使用真实读卡器。",
);
pub const TECH_DETAILS: Text = Text::new("Technical details", "技术详情");
pub const CARD_TLV: Text = Text::new("Data objects the card sent", "卡片返回的数据对象");
pub const FACT_KIND: Text = Text::new("Card", "卡种");
pub const GUIDE_INSERT_CARD: Text = Text::new(
    "Insert the customer's card into the reader now",
    "请现在把顾客的卡插入读卡器",
);
pub const GUIDE_WAITING_CARD: Text = Text::new(
    "Chip first, chip facing up, all the way in. The test starts by itself when the card is in.",
    "芯片一端先插入，芯片朝上，插到底。卡插好后会自动开始检测。",
);
pub const GUIDE_READING_CARD: Text = Text::new("Reading the card…", "正在读取卡片……");
pub const GUIDE_KEEP_CARD: Text = Text::new(
    "Leave the card in the reader until this is done.",
    "检测完成前请不要拔卡。",
);
pub const GUIDE_CHECKING_HOST: Text =
    Text::new("Connecting to the payment host…", "正在连接支付主机……");
pub const GUIDE_CHECKING_CLOCK: Text = Text::new(
    "Comparing the clock with a time server…",
    "正在和时间服务器对时……",
);
pub const GUIDE_CHECKING: Text = Text::new("Checking…", "正在检查……");
pub const GUIDE_CHECK_RESULT: Text = Text::new("What the check found", "检测结果");

/// A label and its value: `"Next step: x"` in English, `"下一步：x"` in Chinese (a full-width
/// mark carries its own space).
pub fn labelled(lang: Lang, label: Text, value: &str) -> String {
    let label = label.get(lang);
    if label.ends_with(['：', '，', '。']) {
        format!("{label}{value}")
    } else {
        format!("{label} {value}")
    }
}
