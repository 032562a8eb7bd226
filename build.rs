//! Embeds the icon and the version information in the Windows executables (both bins).

fn main() -> std::io::Result<()> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/emv-doctor.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return Ok(());
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icons/emv-doctor.ico")
        .set("ProductName", "EMV Doctor")
        .set(
            "FileDescription",
            "EMV Doctor: why does the card terminal say EMV error?",
        )
        .set("CompanyName", "EMV Doctor")
        .set("LegalCopyright", "MIT OR Apache-2.0");
    res.compile()
}
