//! The documentation says what the code does: MODEL.md's catalog section is the catalog.

#[test]
fn model_card_catalog_section_is_generated_from_the_catalog() {
    let model = std::fs::read_to_string("MODEL.md").unwrap();
    let begin = model
        .find("<!-- catalog:begin -->\n")
        .expect("begin marker")
        + "<!-- catalog:begin -->\n".len();
    let end = model.find("<!-- catalog:end -->").expect("end marker");
    assert!(
        model[begin..end] == breakglass::catalog_doc::to_markdown(),
        "MODEL.md is stale: regenerate the section with `breakglass catalog --markdown`"
    );
}

#[test]
fn every_model_parameter_is_documented() {
    let model = std::fs::read_to_string("MODEL.md").unwrap();
    let params = serde_json::to_value(breakglass::sim::params::ModelParams::default()).unwrap();
    let missing: Vec<&String> = params
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !model.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "parameters missing from MODEL.md: {missing:?}"
    );
}
