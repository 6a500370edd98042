//! Who may configure the desk: its active owner and admins, nobody else.

use crate::desk::Desk;
use crate::RelayError;
use ticketgram_domain::Agent;

/// The active owner or admin behind a Telegram user; `None` for agents and strangers alike
/// (they are refused the same way, so a refusal tells nothing about the team).
pub async fn admin_of(desk: &Desk, telegram_user_id: i64) -> Result<Option<Agent>, RelayError> {
    if !desk.may_be_staff(telegram_user_id) {
        return Ok(None);
    }
    let agent = desk
        .store
        .find_agent_by_telegram_id(desk.ws(), telegram_user_id)
        .await?;
    Ok(agent.filter(|a| a.active && a.role.can_configure()))
}
