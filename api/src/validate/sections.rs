//! Validation of a whole draft, section by section.

use crate::{Catalog, DraftSections, FieldError};

use super::{validate_organization, validate_plan};

/// Validates every section present in a draft; an empty list means valid.
pub fn validate_sections(sections: &DraftSections, catalog: &Catalog) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(plan) = &sections.plan {
        errors.extend(validate_plan(plan, catalog));
    }
    if let Some(org) = &sections.organization {
        errors.extend(validate_organization(org));
    }
    errors
}
