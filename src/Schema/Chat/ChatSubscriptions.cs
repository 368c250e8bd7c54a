using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Events;
using Tiktok.Core.Messages;
using Tiktok.Schema.Subscriptions;

namespace Tiktok.Schema.Chat;

/// <summary><c>messages</c>: the caller's direct messages, sent (from any device) and received, after commit.</summary>
public static class ChatSubscriptions
{
    public static void Add(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<MessageGraphType>>("messages")
            .Description("every message the signed-in user sends or receives, on every connection of theirs; needs a token in connection_init")
            .ResolveStream(c =>
            {
                var me = c.RequireViewer();
                return LiveStreams.Watch(c, LiveTopics.User(me), e => e is MessageStored m
                    ? new MessageView(m.MessageId, m.ToUserId, m.FromUserId, m.Content, m.CreatedAt, m.PrevCreatedAt)
                    : null);
            });
    }
}
