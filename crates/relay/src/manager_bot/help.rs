//! `/start` and `/help`: what the manager bot can do, for this agent's role.

use super::Me;
use crate::desk::Effects;
use crate::RelayError;

pub async fn show(me: &Me<'_>, fx: &mut Effects<'_>) -> Result<(), RelayError> {
    let mut text = me.text("manager-help", &[("name", me.agent.name.clone().into())]);
    if me.agent.role.can_configure() {
        text.push_str("\n\n");
        text.push_str(&me.text("manager-help-admin", &[]));
    }
    super::say(fx, me.chat_id, text, None).await
}
