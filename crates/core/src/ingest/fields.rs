//! Which field of a record holds what: the one list of accepted field names.

/// Which field of a record (JSON, front matter, a `.meta.json` file) holds what:
/// for each role, the field names tried in order. The defaults are the one list
/// of accepted names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    pub title: Vec<String>,
    pub body: Vec<String>,
    pub date: Vec<String>,
    pub url: Vec<String>,
    pub author: Vec<String>,
    pub source: Vec<String>,
    pub category: Vec<String>,
    pub places: Vec<String>,
    pub people: Vec<String>,
    pub doc_refs: Vec<String>,
}

/// The roles a field can be mapped to, as `--field ROLE=NAME` spells them.
pub const FIELD_ROLES: [&str; 10] =
    ["title", "body", "date", "url", "author", "source", "category", "places", "people", "doc_refs"];

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            title: names(&["title", "headline", "name", "tieu_de"]),
            body: names(&["body", "content", "text", "article", "noi_dung"]),
            date: names(&["date", "published", "published_at", "publishedAt", "pubDate", "ngay"]),
            url: names(&["url", "link", "href"]),
            author: names(&["author", "byline", "authors", "tac_gia"]),
            source: names(&["source", "site", "publisher", "nguon"]),
            category: names(&["category", "section", "categories", "chuyen_muc"]),
            places: names(&["places", "place"]),
            people: names(&["people", "person"]),
            doc_refs: names(&["doc_refs", "references"]),
        }
    }
}

impl FieldMap {
    fn role_mut(&mut self, role: &str) -> Option<&mut Vec<String>> {
        Some(match role {
            "title" => &mut self.title,
            "body" => &mut self.body,
            "date" => &mut self.date,
            "url" => &mut self.url,
            "author" => &mut self.author,
            "source" => &mut self.source,
            "category" => &mut self.category,
            "places" => &mut self.places,
            "people" => &mut self.people,
            "doc_refs" => &mut self.doc_refs,
            _ => return None,
        })
    }

    /// Sets the field name of a role (one of [`FIELD_ROLES`]) in front of the
    /// defaults. Errors on an unknown role.
    pub fn set(&mut self, role: &str, field: &str) -> Result<(), String> {
        let list = self
            .role_mut(role)
            .ok_or_else(|| format!("unknown field role {role:?}: use one of {}", FIELD_ROLES.join(", ")))?;
        list.insert(0, field.to_owned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_roles_are_one_list() {
        let mut map = FieldMap::default();
        for role in FIELD_ROLES {
            map.set(role, "x").unwrap();
        }
        assert!(map.set("colour", "x").unwrap_err().contains("doc_refs"));
    }
}
