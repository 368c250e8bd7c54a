using Microsoft.AspNetCore.SignalR.Client;
using Tiktok.Server.Live;
using Tiktok.Tests.GraphQL;
using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.Live;

/// <summary>Writes made through GraphQL push exactly like writes made through REST compat or the hubs. On SQLite and on PostgreSQL.</summary>
public abstract class GraphQLPushTests(LiveFixture f) : IAsyncLifetime
{
    public sealed class Sqlite(LiveFixture.Sqlite f) : GraphQLPushTests(f), IClassFixture<LiveFixture.Sqlite>;

    [RequiresServer(TestDatabases.PostgresVariable)]
    public sealed class Postgres(LiveFixture.Postgres f) : GraphQLPushTests(f), IClassFixture<LiveFixture.Postgres>;

    private readonly List<HubConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
    }

    [DatabaseFact]
    public async Task A_message_sent_with_the_graphql_mutation_is_pushed_once_to_both_users()
    {
        var (a, aToken) = await f.Http.RegisterAsync();
        var (b, bToken) = await f.Http.RegisterAsync();
        var aDevice = HubClients.Build(f.Factory, LiveSetup.ChatPath, aToken);
        var bDevice = HubClients.Build(f.Factory, LiveSetup.ChatPath, bToken);
        _connections.AddRange([aDevice, bDevice]);
        var aInbox = aDevice.Record<LiveMessage>(LiveEvents.Message);
        var bInbox = bDevice.Record<LiveMessage>(LiveEvents.Message);
        await aDevice.StartedAsync();
        await bDevice.StartedAsync();

        var sent = (await f.Http.DataAsync($"mutation {{ sendMessage(toUserId: {b}, content: \"via graphql\") {{ id createTime }} }}", token: aToken))
            .GetProperty("sendMessage");
        foreach (var inbox in new[] { aInbox, bInbox })
        {
            var pushed = await inbox.NextAsync();
            Assert.Equal(long.Parse(sent.GetProperty("id").GetString()!), pushed.Id);
            Assert.Equal(sent.GetProperty("createTime").GetInt64(), pushed.CreateTime);
            Assert.Equal((a, b, "via graphql"), (pushed.FromUserId, pushed.ToUserId, pushed.Content));
            await inbox.AssertNothingAsync();
        }
    }

    [DatabaseFact]
    public async Task A_graphql_like_pushes_the_new_count_to_a_watcher()
    {
        var video = (await f.Factory.VideosAsync((await f.Factory.UsersAsync(1))[0], 1))[0];
        var (_, fan) = await f.Http.RegisterAsync();
        var watcher = HubClients.Build(f.Factory, LiveSetup.VideosPath, null);
        _connections.Add(watcher);
        var counts = watcher.Record<LiveCounts>(LiveEvents.Counts);
        await watcher.StartedAsync();
        await watcher.InvokeAsync<LiveCounts>("Watch", video);

        await f.Http.DataAsync($"mutation {{ likeVideo(videoId: {video}) {{ favoriteCount }} }}", token: fan);
        Assert.Equal(new LiveCounts(video, 1, 0), await counts.NextAsync());
    }
}
