use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! intents {
    ($($variant:ident => $label:literal),+ $(,)?) => {
        /// The 23 intents the assistant understands. The labels are a contract shared
        /// with the training corpus, the model file and the dialogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Intent {
            $(#[serde(rename = $label)] $variant,)+
        }

        impl Intent {
            /// Every intent, in the canonical order used by the trainer's output layer.
            pub const ALL: &'static [Intent] = &[$(Intent::$variant),+];

            /// The label as written in the corpus and the model file.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Intent::$variant => $label,)+
                }
            }
        }

        impl FromStr for Intent {
            type Err = UnknownIntent;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($label => Ok(Intent::$variant),)+
                    _ => Err(UnknownIntent(s.to_string())),
                }
            }
        }
    };
}

intents! {
    Greet => "greet",
    ThanksBye => "thanks_bye",
    ProductSearch => "product_search",
    ProductInfo => "product_info",
    StockCheck => "stock_check",
    Recommend => "recommend",
    CartAdd => "cart_add",
    CartRemove => "cart_remove",
    CartUpdate => "cart_update",
    CartView => "cart_view",
    Checkout => "checkout",
    OrderStatus => "order_status",
    OrderCancel => "order_cancel",
    ReturnPolicy => "return_policy",
    ReturnRequest => "return_request",
    ReturnStatus => "return_status",
    ShippingInfo => "shipping_info",
    PaymentInfo => "payment_info",
    Promotions => "promotions",
    HumanHandoff => "human_handoff",
    Affirm => "affirm",
    Deny => "deny",
    OutOfScope => "out_of_scope",
}

/// A label that is not one of the 23 intents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown intent label {0:?}")]
pub struct UnknownIntent(pub String);

impl fmt::Display for Intent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Intent {
    /// Intents that change the cart, an order or a return, or answer a question
    /// the assistant asked. Routing a request the assistant cannot serve to one of
    /// these is the costly mistake.
    pub fn is_action(self) -> bool {
        matches!(
            self,
            Intent::CartAdd
                | Intent::CartRemove
                | Intent::CartUpdate
                | Intent::Checkout
                | Intent::OrderCancel
                | Intent::ReturnRequest
                | Intent::Affirm
                | Intent::Deny
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        assert_eq!(Intent::ALL.len(), 23);
        for &i in Intent::ALL {
            assert_eq!(i.as_str().parse::<Intent>().unwrap(), i);
            assert_eq!(
                serde_json::to_string(&i).unwrap(),
                format!("\"{}\"", i.as_str())
            );
        }
        assert!("nope".parse::<Intent>().is_err());
    }
}
