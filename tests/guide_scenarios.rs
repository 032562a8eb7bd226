use emv_doctor::guide::model::Guide;

#[test]
fn parse_all() {
    for f in ["emv-error", "reader-setup", "staff-training"] {
        let text = std::fs::read_to_string(format!("guides/{f}.ron")).unwrap();
        let opts = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let g: Guide = opts.from_str(&text).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(!g.nodes.is_empty());
    }
}
