using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Tiktok.Cluster;

/// <summary>
/// Breaks one part of the running cluster under traffic and repairs it with `cluster.sh up` (which starts only
/// what is down). Each test leaves the cluster whole again, also when it fails.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FaultTests(ClusterFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private static string Content(JsonElement m) => m.GetProperty("content").GetString()!;

    [ClusterFact]
    public async Task Redis_restarted_mid_traffic_no_request_fails_and_pushes_resume()
    {
        var lb = new Api(cluster.LbUrl);
        var one = new Api(cluster.InstanceUrl(1));
        var alice = await lb.RegisterAsync("ra");
        var bob = await lb.RegisterAsync("rb");
        await using var client = Hubs.Build(cluster.InstanceUrl(2), "/hubs/chat", bob.Token);
        var inbox = client.Record("message");
        await client.StartedAsync();
        Assert.True((await one.SendMessage(alice, bob.Id, "before")).Ok);
        Assert.Equal("before", Content(await inbox.NextAsync()));

        var failures = new ConcurrentQueue<string>();
        var acked = new ConcurrentQueue<string>();
        var requests = 0;
        var slowest = TimeSpan.Zero;
        using var stop = new CancellationTokenSource();
        async Task Traffic(int lane)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var watch = Stopwatch.StartNew();
                var content = $"r{lane}-{n}";
                try
                {
                    var replies = new[]
                    {
                        ("message", await lb.SendMessage(alice, bob.Id, content)),
                        ("feed", await lb.Get("/douyin/feed/")),
                        ("chat", await lb.Get("/douyin/message/chat/", ("token", bob.Token), ("to_user_id", alice.Id), ("pre_msg_time", 0))),
                        ("user", await lb.Get("/douyin/user/", ("user_id", alice.Id), ("token", bob.Token))),
                    };
                    foreach (var (what, reply) in replies)
                        if (!reply.Ok) failures.Enqueue($"{what}: {reply}");
                    if (replies[0].Item2.Ok) acked.Enqueue(content);
                }
                catch (Exception e) { failures.Enqueue($"{e.GetType().Name}: {e.Message}"); }
                Interlocked.Add(ref requests, 4);
                lock (failures) if (watch.Elapsed > slowest) slowest = watch.Elapsed;
                await Task.Delay(20);
            }
        }

        var lanes = Enumerable.Range(0, 3).Select(i => Task.Run(() => Traffic(i))).ToArray();
        try
        {
            await Task.Delay(1000);
            await cluster.StopRedisAsync();
            await Task.Delay(3000);                         // traffic with Redis gone
        }
        finally
        {
            await cluster.UpAsync();                        // starts Redis again, the same way the script does
        }
        await Task.Delay(1500);
        stop.Cancel();
        await Task.WhenAll(lanes);

        output.WriteLine($"Redis restart: {requests} requests through nginx, {failures.Count} failed, slowest round of 4 {slowest.TotalMilliseconds:0} ms");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests} requests failed while Redis restarted, e.g.\n" +
            string.Join('\n', failures.Take(5)));
        Assert.True(requests > 40, $"only {requests} requests");
        Assert.True(slowest < TimeSpan.FromSeconds(10), $"slowest round {slowest}");

        // Pushes resume once both instances are back on Redis: bob on instance 2, sent through instance 1.
        JsonElement? after = null;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        for (var k = 0; after is null && DateTime.UtcNow < deadline; k++)
        {
            Assert.True((await one.SendMessage(alice, bob.Id, $"after-{k}")).Ok);
            after = await inbox.WaitForAsync(m => Content(m).StartsWith("after-"), TimeSpan.FromSeconds(1));
        }
        Assert.True(after is not null, "no push crossed from instance 1 to instance 2 within 15 s of Redis coming back");
        Assert.Equal(HubConnectionState.Connected, client.State);

        // Nothing acknowledged during the outage is lost.
        var stored = (await lb.ChatAsync(bob, alice.Id)).Select(Content).ToHashSet();
        var lost = acked.Where(c => !stored.Contains(c)).ToList();
        Assert.True(lost.Count == 0, $"acknowledged but not stored: {string.Join(", ", lost)}");
    }

    [ClusterFact]
    public async Task A_killed_instances_chat_clients_reconnect_through_nginx_and_catch_up()
    {
        var lb = new Api(cluster.LbUrl);
        var two = new Api(cluster.InstanceUrl(2));
        var alice = await lb.RegisterAsync("ka");
        var bob = await lb.RegisterAsync("kb");

        // bob's app: first connected to instance 1 (as nginx might have placed it), reconnecting through nginx.
        var shown = new ConcurrentDictionary<long, JsonElement>();
        // What the app catches up from: the newest time up to which it has every message. Pushes from
        // two instances can arrive out of order, so the newest time *seen* is not it; each message's
        // prev_create_time says nothing lies between it and the message (docs/hubs.md).
        long last = 0;
        var duplicates = 0;
        void Show(JsonElement m)
        {
            if (!shown.TryAdd(m.GetProperty("id").GetInt64(), m)) Interlocked.Increment(ref duplicates);
            for (var advanced = true; advanced;)
            {
                advanced = false;
                foreach (var s in shown.Values)
                {
                    var (prev, t) = (s.GetProperty("prev_create_time").GetInt64(), s.GetProperty("create_time").GetInt64());
                    if (prev <= last && t > last) { last = t; advanced = true; }
                }
            }
        }
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = Hubs.Build(cluster.LbUrl, "/hubs/chat", bob.Token, firstUrl: cluster.InstanceUrl(1), reconnect: true);
        client.On<JsonElement>("message", m => { lock (shown) if (!shown.ContainsKey(m.GetProperty("id").GetInt64())) Show(m); });
        client.Reconnected += async _ =>
        {
            try
            {
                long from;
                lock (shown) from = last;
                var missed = await client.InvokeAsync<JsonElement[]>("History", alice.Id, from);
                lock (shown) foreach (var m in missed) if (!shown.ContainsKey(m.GetProperty("id").GetInt64())) Show(m);
                reconnected.TrySetResult();
            }
            catch (Exception e) { reconnected.TrySetException(e); }
        };
        await client.StartedAsync();
        Assert.True((await two.SendMessage(alice, bob.Id, "before")).Ok);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (shown.IsEmpty && DateTime.UtcNow < until) await Task.Delay(50);
        Assert.Single(shown);

        var acked = new ConcurrentQueue<string>();
        var refused = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        async Task Traffic(int lane)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var content = $"k{lane}-{n}";
                try
                {
                    var reply = await lb.SendMessage(alice, bob.Id, content);
                    if (reply.Ok) acked.Enqueue(content); else refused.Enqueue(reply.ToString());
                }
                catch (Exception e) { refused.Enqueue(e.Message); }
                await Task.Delay(20);
            }
        }
        var lanes = Enumerable.Range(0, 3).Select(i => Task.Run(() => Traffic(i))).ToArray();
        try
        {
            await Task.Delay(1000);
            await cluster.KillInstanceAsync(1);
            await Task.Delay(3000);
            stop.Cancel();
            await Task.WhenAll(lanes);

            var done = await Task.WhenAny(reconnected.Task, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.True(done == reconnected.Task, $"the client did not reconnect within 20 s (state {client.State})");
            await reconnected.Task;                     // History after the reconnect threw?

            // Everything acknowledged arrives (pushes after the reconnect, History for the gap), each once.
            var expected = acked.ToHashSet();
            Assert.True(expected.Count > 20, $"only {expected.Count} messages acknowledged");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            HashSet<string> got;
            while (true)
            {
                lock (shown) got = shown.Values.Select(Content).ToHashSet();
                if (expected.IsSubsetOf(got) || DateTime.UtcNow > deadline) break;
                await Task.Delay(100);
            }
            var missing = expected.Where(c => !got.Contains(c)).ToList();
            output.WriteLine($"instance kill: {expected.Count} sends acknowledged, {refused.Count} refused (e.g. {refused.FirstOrDefault()}), " +
                $"{got.Count} messages shown, {missing.Count} missing, {duplicates} duplicates");
            Assert.True(missing.Count == 0, $"{missing.Count} of {expected.Count} acknowledged messages never reached the client: " +
                string.Join(", ", missing.Take(10)) + $" ({refused.Count} sends refused, e.g. {refused.FirstOrDefault()})");
            Assert.Equal(0, duplicates);
            // ...and the server stored each acknowledged send exactly once.
            var stored = (await two.ChatAsync(bob, alice.Id)).Select(Content).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
            Assert.All(expected, c => Assert.Equal(1, stored.GetValueOrDefault(c)));

            // The client is now on instance 2 (the only one) and still gets pushes.
            Assert.True((await two.SendMessage(alice, bob.Id, "after")).Ok);
            until = DateTime.UtcNow.AddSeconds(10);
            while (!shown.Values.Any(m => Content(m) == "after") && DateTime.UtcNow < until) await Task.Delay(50);
            Assert.Contains(shown.Values, m => Content(m) == "after");
        }
        finally
        {
            stop.Cancel();
            await cluster.UpAsync();                        // instance 1 again, on the same build
        }
        Assert.True((await new Api(cluster.InstanceUrl(1)).Get("/healthz")).Http == 200);
    }

    [ClusterFact]
    public async Task PostgreSQL_restarted_requests_fail_cleanly_and_recover_with_nothing_acknowledged_lost()
    {
        var lb = new Api(cluster.LbUrl);
        var alice = await lb.RegisterAsync("pa");
        var bob = await lb.RegisterAsync("pb");
        var before = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var reply = await lb.SendMessage(alice, bob.Id, $"p{i}");
            Assert.True(reply.Ok, reply.ToString());
            before.Add($"p{i}");
        }

        var unclean = new List<string>();
        var outage = new List<string>();
        try
        {
            await cluster.StopPostgresAsync();
            var apis = new[] { lb, new Api(cluster.InstanceUrl(1)), new Api(cluster.InstanceUrl(2)) };
            var end = DateTime.UtcNow.AddSeconds(3);
            for (var n = 0; DateTime.UtcNow < end; n++)
            {
                foreach (var api in apis)
                {
                    var calls = new (string What, Func<Task<Reply>> Call)[]
                    {
                        ("message", () => api.SendMessage(alice, bob.Id, $"outage-{n}")),
                        ("chat", () => api.Get("/douyin/message/chat/", ("token", bob.Token), ("to_user_id", alice.Id))),
                        ("login", () => api.Post("/douyin/user/login/", ("username", alice.Name), ("password", "secret123"))),
                        ("publish list", () => api.Get("/douyin/publish/list/", ("user_id", alice.Id))),
                    };
                    foreach (var (what, call) in calls)
                    {
                        var watch = Stopwatch.StartNew();
                        var task = call();
                        if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10))) != task)
                        {
                            unclean.Add($"{what} on {api.BaseUrl}: no answer within 10 s");
                            continue;
                        }
                        Reply reply;
                        try { reply = await task; }
                        catch (Exception e) { unclean.Add($"{what} on {api.BaseUrl}: {e.GetType().Name} {e.Message}"); continue; }
                        outage.Add($"{what}: {reply.Http} {reply.Status} {watch.ElapsedMilliseconds} ms");
                        // Clean: the app's JSON saying "try again" (9002 Unavailable, HTTP 503, from the
                        // instance or from nginx's JSON error page), or a success (e.g. from a cache).
                        var json = reply.Json is { ValueKind: JsonValueKind.Object } && reply.ContentType?.Contains("html") != true;
                        var clean = json && ((reply.Http == 503 && reply.Status == 9002) || (reply.Http == 200 && reply.Status == 0));
                        if (!clean) unclean.Add($"{what} on {api.BaseUrl}: {reply}");
                        if (what == "message" && reply.Ok) before.Add($"outage-{n}");   // acknowledged: must be kept
                    }
                }
            }
        }
        finally
        {
            await cluster.UpAsync();                        // PostgreSQL again (pg_ctl start on the same data directory)
        }
        foreach (var group in outage.Select(o => o[..o.LastIndexOf(' ', o.Length - 4)]).GroupBy(o => o))
            output.WriteLine($"PostgreSQL outage: {group.Key} x{group.Count()}");
        output.WriteLine($"PostgreSQL outage: slowest answer {outage.Select(o => long.Parse(o.Split(' ')[^2])).DefaultIfEmpty().Max()} ms");
        Assert.True(unclean.Count == 0, $"{unclean.Count} unclean answers during the outage, e.g.\n" + string.Join('\n', unclean.Distinct().Take(8)));

        // Recovery: every instance and nginx answer again within 30 s.
        foreach (var url in new[] { cluster.LbUrl, cluster.InstanceUrl(1), cluster.InstanceUrl(2) })
        {
            var api = new Api(url);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            Reply reply;
            while (!(reply = await api.SendMessage(alice, bob.Id, "back on " + url)).Ok && DateTime.UtcNow < deadline)
                await Task.Delay(250);
            Assert.True(reply.Ok, $"{url} still failing 30 s after PostgreSQL came back: {reply}");
            before.Add("back on " + url);
        }

        var stored = (await lb.ChatAsync(bob, alice.Id)).Select(Content).ToList();
        var lost = before.Where(c => !stored.Contains(c)).ToList();
        Assert.True(lost.Count == 0, $"acknowledged but not stored: {string.Join(", ", lost)}");
    }
}
