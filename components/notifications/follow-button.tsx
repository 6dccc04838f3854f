import { followAction, unfollowAction } from "@/app/actions/notifications";
import { ClientMessages } from "@/components/client-messages";
import { FollowForm } from "@/components/notifications/follow-form";
import type { FollowTarget } from "@/server/db/generated/enums";
import { followState } from "@/server/follows";
import type { Actor } from "@/server/permissions";

/** Whether the person follows the record, and the button that switches it. */
export async function FollowButton({ actor, targetType, targetId }: { actor: Actor; targetType: FollowTarget; targetId: string }) {
  const follow = await followState(actor, targetType, targetId);
  return (
    <ClientMessages of={["components/notifications/follow-form"]}>
      {/* Keyed by the state, so that the form starts afresh with the other action after a switch. */}
      <FollowForm key={String(follow.following)} action={follow.following ? unfollowAction : followAction} follow={follow} />
    </ClientMessages>
  );
}
