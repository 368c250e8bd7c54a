using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Blocks;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;
using Tiktok.Core.Validation;

namespace Tiktok.Core.Messages;

/// <summary>Direct messages. Send times are unique and increase in commit order, so "after t" polling sees each message once.</summary>
public sealed class Messages(TiktokDbContext db, Writes writes, IOptions<TiktokOptions> options)
{
    public Task<MessageView> SendAsync(long fromUserId, long toUserId, string? content, CancellationToken ct)
    {
        var text = TextRules.Content(Field.MessageText, content, Limits.MessageMax);
        if (fromUserId == toUserId) throw DomainErrors.CannotMessageSelf();
        return writes.RunAsync(async w =>
        {
            await w.Db.RequireUsersAsync(fromUserId, toUserId, ct);
            await w.Db.RefuseIfBlockedAsync(fromUserId, toUserId, "send them a message", ct);
            // Send times must commit in the order they are taken, or a poller could skip one.
            await w.SequenceAsync("messages", ct);
            // The conversation's latest message so far; under the "messages" sequence no later one can commit first.
            var prev = await w.Db.Messages
                .Where(m => (m.FromUserId == fromUserId && m.ToUserId == toUserId) || (m.FromUserId == toUserId && m.ToUserId == fromUserId))
                .MaxAsync(m => (long?)m.CreatedAt, ct) ?? 0;
            var message = new Message
            {
                FromUserId = fromUserId,
                ToUserId = toUserId,
                Content = text,
                CreatedAt = await w.NextMessageTimeAsync(ct),
                PreviousCreatedAt = prev,
            };
            w.Db.Messages.Add(message);
            await w.Db.SaveChangesAsync(ct);
            return new MessageView(message.Id, toUserId, fromUserId, text, message.CreatedAt, prev);
        }, ct);
    }

    /// <summary>Messages both ways between two users created strictly after <paramref name="afterMs"/>, oldest first.</summary>
    public Task<IReadOnlyList<MessageView>> HistoryAsync(long userId, long peerId, long afterMs, CancellationToken ct) =>
        HistoryAsync(userId, peerId, afterMs, options.Value.ListLimit, ct);

    public async Task<IReadOnlyList<MessageView>> HistoryAsync(long userId, long peerId, long afterMs, int limit, CancellationToken ct)
    {
        await db.RequireUserAsync(peerId, ct);
        var page = await db.Messages.AsNoTracking()
            .Where(m => ((m.FromUserId == userId && m.ToUserId == peerId) || (m.FromUserId == peerId && m.ToUserId == userId))
                        && m.CreatedAt > afterMs)
            .OrderBy(m => m.CreatedAt)
            .Take(limit)
            .Select(m => new MessageView(m.Id, m.ToUserId, m.FromUserId, m.Content, m.CreatedAt, 0))
            .ToListAsync(ct);
        // Chained through the page: nothing lies between "after" and the first, nor between neighbours.
        var before = afterMs;
        for (var i = 0; i < page.Count; i++)
        {
            page[i] = page[i] with { PrevCreatedAt = before };
            before = page[i].CreatedAt;
        }
        return page;
    }
}
