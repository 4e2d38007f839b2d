//! Business rules shared by every store backend and by the dialogue (which checks
//! first, to explain a refusal): when an order can be cancelled and when an item
//! can be returned.

use super::date::Date;
use super::model::{Order, OrderStatus, Product, Return, ReturnPolicy, ReturnStatus};
use serde::Serialize;

/// Why an order cannot be cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum CancelRefusal {
    #[error("the order has already shipped")]
    Shipped { shipped: Option<Date> },
    #[error("the order has already been delivered")]
    Delivered { delivered: Option<Date> },
    #[error("the order is already cancelled")]
    AlreadyCancelled { cancelled: Option<Date> },
}

/// An order can be cancelled only while it is still being processed.
pub fn check_cancel(order: &Order) -> Result<(), CancelRefusal> {
    match order.status {
        OrderStatus::Processing => Ok(()),
        OrderStatus::Shipped => Err(CancelRefusal::Shipped {
            shipped: order.shipped,
        }),
        OrderStatus::Delivered => Err(CancelRefusal::Delivered {
            delivered: order.delivered,
        }),
        OrderStatus::Cancelled => Err(CancelRefusal::AlreadyCancelled {
            cancelled: order.cancelled,
        }),
    }
}

/// Why an item cannot be returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum ReturnRefusal {
    #[error("the order has not been delivered yet (it is {status:?})")]
    NotDelivered { status: OrderStatus },
    #[error(
        "the {window_days}-day return window closed (delivered {delivered}, {days_since} days ago)"
    )]
    WindowClosed {
        delivered: Date,
        window_days: u32,
        days_since: i64,
        last_day: Date,
    },
    #[error("the item is not returnable ({tag})")]
    NonReturnable { tag: String },
    #[error("the item is not part of the order")]
    NotInOrder,
    #[error("every unit of this item already has a return ({return_id})")]
    AlreadyReturned { return_id: String },
    #[error("at most {max} can be returned")]
    TooMany { max: u32 },
    #[error("a return needs at least one item")]
    Empty,
}

/// Units of `variant_id` still returnable: ordered minus those in returns that were
/// not rejected.
pub fn returnable_quantity(order: &Order, variant_id: &str, existing: &[Return]) -> u32 {
    let ordered: u32 = order
        .lines
        .iter()
        .filter(|l| l.variant_id == variant_id)
        .map(|l| l.quantity)
        .fold(0u32, u32::saturating_add);
    let returned: u32 = existing
        .iter()
        .filter(|r| r.order_id == order.id && r.status != ReturnStatus::Rejected)
        .flat_map(|r| r.lines.iter())
        .filter(|l| l.variant_id == variant_id)
        .map(|l| l.quantity)
        .fold(0u32, u32::saturating_add);
    ordered.saturating_sub(returned)
}

/// The last day a delivered order can be returned.
pub fn last_return_day(delivered: Date, policy: &ReturnPolicy) -> Date {
    delivered.add_days(i64::from(policy.window_days))
}

/// Checks that `quantity` units of `variant_id` from `order` can be returned on
/// `today`: delivered, inside the window (delivery day + `window_days`,
/// inclusive), not carrying a non-returnable tag, not already returned.
pub fn check_return(
    order: &Order,
    variant_id: &str,
    quantity: u32,
    product: Option<&Product>,
    policy: &ReturnPolicy,
    existing: &[Return],
    today: Date,
) -> Result<(), ReturnRefusal> {
    if quantity == 0 {
        return Err(ReturnRefusal::Empty);
    }
    if !order.lines.iter().any(|l| l.variant_id == variant_id) {
        return Err(ReturnRefusal::NotInOrder);
    }
    if order.status != OrderStatus::Delivered {
        return Err(ReturnRefusal::NotDelivered {
            status: order.status,
        });
    }
    let delivered = order.delivered.unwrap_or(order.placed);
    let last_day = last_return_day(delivered, policy);
    if today > last_day {
        return Err(ReturnRefusal::WindowClosed {
            delivered,
            window_days: policy.window_days,
            days_since: delivered.days_until(today),
            last_day,
        });
    }
    if let Some(p) = product {
        if let Some(tag) = policy.non_returnable_tags.iter().find(|t| p.has_tag(t)) {
            return Err(ReturnRefusal::NonReturnable { tag: tag.clone() });
        }
    }
    let left = returnable_quantity(order, variant_id, existing);
    if left == 0 {
        let return_id = existing
            .iter()
            .filter(|r| r.order_id == order.id && r.status != ReturnStatus::Rejected)
            .find(|r| r.lines.iter().any(|l| l.variant_id == variant_id))
            .map(|r| r.id.clone())
            .unwrap_or_default();
        return Err(ReturnRefusal::AlreadyReturned { return_id });
    }
    if quantity > left {
        return Err(ReturnRefusal::TooMany { max: left });
    }
    Ok(())
}
