using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Tiktok.Core.Errors;
using Tiktok.Core.Messages;

namespace Tiktok.Server.Live;

/// <summary>
/// <c>/hubs/chat</c>: direct messages, live. Needs the same JWT as REST compat. Messages are
/// pushed by <see cref="LivePushWorker"/> from the committed <c>MessageStored</c> event, whatever
/// sent them (this hub, REST compat, GraphQL), to every connection of the sender and the
/// receiver; this hub only sends and reads history. See docs/hubs.md.
/// </summary>
[Authorize]
public sealed class ChatHub(Messages messages) : Hub
{
    /// <summary>Stores a message to <paramref name="toUserId"/> and returns it as stored (the push carries the same id).</summary>
    public async Task<LiveMessage> SendMessage(long toUserId, string? content)
    {
        var message = await messages.SendAsync(CurrentUser(Context), toUserId, content, Context.ConnectionAborted);
        return LiveMessage.From(message);
    }

    /// <summary>
    /// The caller's conversation with <paramref name="peerId"/> (both directions), oldest first,
    /// created strictly after <paramref name="afterMs"/> (Unix ms; 0 for the start), at most
    /// Tiktok:ListLimit messages: a full page means ask again after its last create_time.
    /// </summary>
    public async Task<IReadOnlyList<LiveMessage>> History(long peerId, long afterMs)
    {
        if (afterMs < 0) throw DomainErrors.OutOfRange("afterMs", "must not be negative");
        var list = await messages.HistoryAsync(CurrentUser(Context), peerId, afterMs, Context.ConnectionAborted);
        return list.Select(LiveMessage.From).ToList();
    }

    /// <summary>The authenticated caller's id, from the token's <c>sub</c>.</summary>
    internal static long CurrentUser(HubCallerContext context) =>
        long.TryParse(context.UserIdentifier, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw DomainErrors.TokenInvalid();
}
