//! The arguments of an Open311 request, from its query and its form body alike.

/// At most 60 characters of something sent, for a message.
pub(super) fn short(text: &str) -> String {
    let cut: String = text.chars().take(60).collect();
    format!("{cut:?}")
}

/// The arguments Peel reads from a request.
const READ: [&str; 17] = [
    "api_key",
    "jurisdiction_id",
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "description",
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
    "media_url",
    "service_request_id",
    "status",
];

/// The arguments of a request: the query's and the form body's, each named once.
pub(super) struct Arguments(Vec<(String, String)>);

impl Arguments {
    pub(super) fn read(query: Option<&str>, body: &[u8]) -> Result<Arguments, String> {
        let mut pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query.unwrap_or_default())
                .map_err(|_| "the query string cannot be read".to_owned())?;
        let form: Vec<(String, String)> = serde_urlencoded::from_bytes(body).map_err(|_| {
            "the form cannot be read: send application/x-www-form-urlencoded".to_owned()
        })?;
        pairs.extend(form);
        // The arguments Peel reads may be given once each; others (`attribute[CODE]`, a
        // client's own extras) are passed over, as the specification lets a server do.
        let mut seen = std::collections::HashSet::new();
        for (name, _) in &pairs {
            if READ.contains(&name.as_str()) && !seen.insert(name.as_str()) {
                return Err(format!("{} is given more than once", short(name)));
            }
        }
        Ok(Arguments(pairs))
    }

    pub(super) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    pub(super) fn number(&self, name: &str) -> Result<Option<f64>, String> {
        self.get(name)
            .map(|v| {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|n| n.is_finite())
                    .ok_or_else(|| format!("{name} must be a number"))
            })
            .transpose()
    }
}
