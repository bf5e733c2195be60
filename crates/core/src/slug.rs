//! Enums stored and sent by a stable slug, with the words people see.

/// Declares an enum whose every variant has a stable slug (stored, sent, in forms) and a label
/// (what people see), with `ALL`, `slug`, `label`, `parse` and `Display` (the slug).
macro_rules! slug_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$doc:meta])* $variant:ident = ($slug:literal, $label:literal),)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$doc])* $variant,)*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable slug (stored, sent and used in forms).
            pub fn slug(self) -> &'static str {
                match self {
                    $($name::$variant => $slug,)*
                }
            }

            /// The words people see.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)*
                }
            }

            /// The value with this slug.
            pub fn parse(slug: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.slug() == slug)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }
    };
}

pub(crate) use slug_enum;
