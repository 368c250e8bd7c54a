using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Tiktok.Core.Errors;
using Tiktok.Core.Events;
using Tiktok.Core.Videos;

namespace Tiktok.Server.Live;

/// <summary>
/// Sends the queued events through the hubs: a message to both users (every device), counts and
/// comments to the video's watchers, notifications to their recipient (every device). Sends are
/// started in order and not awaited one by one, so a slow client delays only itself (SignalR keeps each connection's writes in order).
/// <para>
/// Counts converge to the database: two transactions on one video commit in order, but their
/// events may reach this queue in the other order (handlers run after the writer's turn is
/// released). When a video's events come closer than <see cref="BurstWindow"/>, the worker re-reads
/// its counts once the video has had no event for <see cref="ReconcileDelay"/> and pushes them again
/// if they differ from the last push, so the last value a watcher sees is always the committed one.
/// </para>
/// </summary>
public sealed class LivePushWorker(
    LivePushes pushes,
    IHubContext<ChatHub> chat,
    IHubContext<VideosHub> videos,
    IHubContext<NotificationsHub> notifications,
    IServiceScopeFactory scopes,
    ILogger<LivePushWorker> logger) : BackgroundService
{
    internal static readonly TimeSpan BurstWindow = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan ReconcileDelay = TimeSpan.FromMilliseconds(200);

    private sealed class CountsState
    {
        public required LiveCounts Last;
        public long LastEventAt;
        public bool ReconcileScheduled;
    }

    private readonly Dictionary<long, CountsState> _counts = [];
    private int _sinceCleanup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var domainEvent in pushes.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await DispatchAsync(domainEvent, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Push of {Event} failed", domainEvent);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Sends take CancellationToken.None: a committed push still goes out while the host is stopping.
    private async Task DispatchAsync(IDomainEvent domainEvent, CancellationToken ct)
    {
        switch (domainEvent)
        {
            case MessageStored m:
                ObserveSend(chat.Clients.Users([m.FromUserId.ToString(CultureInfo.InvariantCulture), m.ToUserId.ToString(CultureInfo.InvariantCulture)])
                    .SendAsync(LiveEvents.Message, LiveMessage.From(m), CancellationToken.None), domainEvent);
                break;
            case VideoCountsChanged c:
                OnCounts(LiveCounts.From(c));
                break;
            case CommentAdded a:
                ObserveSend(videos.Clients.Group(VideosHub.Group(a.VideoId))
                    .SendAsync(LiveEvents.CommentAdded, LiveCommentAdded.From(a), CancellationToken.None), domainEvent);
                break;
            case CommentDeleted d:
                ObserveSend(videos.Clients.Group(VideosHub.Group(d.VideoId))
                    .SendAsync(LiveEvents.CommentDeleted, LiveCommentDeleted.From(d), CancellationToken.None), domainEvent);
                break;
            case NotificationChanged n:
                ObserveSend(notifications.Clients.User(n.RecipientId.ToString(CultureInfo.InvariantCulture))
                    .SendAsync(LiveEvents.Notification, LiveNotification.From(n), CancellationToken.None), domainEvent);
                break;
            case UnreadNotificationsChanged u:
                ObserveSend(notifications.Clients.User(u.UserId.ToString(CultureInfo.InvariantCulture))
                    .SendAsync(LiveEvents.UnreadNotifications, LiveUnreadNotifications.From(u), CancellationToken.None), domainEvent);
                break;
            case LivePushes.ReconcileCounts r:
                await ReconcileAsync(r.VideoId, ct);
                break;
        }
    }

    private void OnCounts(LiveCounts counts)
    {
        var now = Stopwatch.GetTimestamp();
        if (_counts.TryGetValue(counts.VideoId, out var state))
        {
            if (!state.ReconcileScheduled && Stopwatch.GetElapsedTime(state.LastEventAt, now) < BurstWindow)
            {
                state.ReconcileScheduled = true;
                var videoId = counts.VideoId;
                _ = Task.Delay(ReconcileDelay).ContinueWith(_ => pushes.Reconcile(videoId), TaskScheduler.Default);
            }
            state.Last = counts;
            state.LastEventAt = now;
        }
        else
        {
            _counts[counts.VideoId] = new CountsState { Last = counts, LastEventAt = now };
        }
        SendCounts(counts);
        if (++_sinceCleanup >= 4096) ForgetQuietVideos(now);
    }

    private async Task ReconcileAsync(long videoId, CancellationToken ct)
    {
        if (!_counts.TryGetValue(videoId, out var state)) return;
        if (Stopwatch.GetElapsedTime(state.LastEventAt) < ReconcileDelay)
        {
            // Still busy: its newest event may be just behind this in the queue. Look again once it is quiet,
            // so a correction is sent only for a real reordering, never ahead of an event still on its way.
            _ = Task.Delay(ReconcileDelay, CancellationToken.None).ContinueWith(_ => pushes.Reconcile(videoId), TaskScheduler.Default);
            return;
        }
        state.ReconcileScheduled = false;
        LiveCounts current;
        await using (var scope = scopes.CreateAsyncScope())
        {
            try
            {
                var video = await scope.ServiceProvider.GetRequiredService<VideoQueries>().GetAsync(videoId, null, ct);
                current = new LiveCounts(video.Id, video.LikeCount, video.CommentCount);
            }
            catch (DomainException)
            {
                return; // gone
            }
        }
        if (current == state.Last) return;
        logger.LogDebug("Counts of video {VideoId} corrected from {Pushed} to {Committed}", videoId, state.Last, current);
        state.Last = current;
        SendCounts(current);
    }

    private void SendCounts(LiveCounts counts) =>
        ObserveSend(videos.Clients.Group(VideosHub.Group(counts.VideoId)).SendAsync(LiveEvents.Counts, counts), counts);

    private void ForgetQuietVideos(long now)
    {
        _sinceCleanup = 0;
        foreach (var (id, state) in _counts)
            if (!state.ReconcileScheduled && Stopwatch.GetElapsedTime(state.LastEventAt, now) > BurstWindow)
                _counts.Remove(id);
    }

    // The writes to every connection have started; only a slow connection's write is still pending.
    private void ObserveSend(Task send, object what)
    {
        if (send.IsCompletedSuccessfully) return;
        send.ContinueWith(t => logger.LogWarning(t.Exception, "Push of {What} failed", what),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
