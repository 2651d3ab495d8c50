//! The report's closed vocabularies (formats, encodings, match kinds, trigger codes...)
//! are enums, so the compiler finds every place that uses a word. [`vocabulary!`]
//! declares one with each word spelled once: serde writes it into the JSON, and
//! `name()` gives the same text to the text report and to tests.

/// Declares an enum whose variants serialize as the given names, with `name()`,
/// `Display` and `ALL` (every variant, in declaration order) from the same spelling.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(serde::Serialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant ),+
        }

        impl $name {
            /// Every word, in declaration order.
            #[allow(dead_code)]
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word as the report's JSON writes it.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}
