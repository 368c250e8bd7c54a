using Tiktok.Tests.Infrastructure;

namespace Tiktok.Tests.GraphQL;

/// <summary>One host per subscription test class, with a short connection_init timeout (the 4408 test waits for it).</summary>
public abstract class SubscriptionFixture : IDisposable
{
    public TiktokFactory Factory { get; }
    public HttpClient Http { get; }

    private SubscriptionFixture(string database)
    {
        Factory = new TiktokFactory(database: database, settings: new()
        {
            ["Tiktok:GraphQL:WebSockets:ConnectionInitTimeout"] = "00:00:01",
            ["Tiktok:GraphQL:WebSockets:MaxOperations"] = "3",
        });
        Http = Factory.CreateClient();
    }

    public sealed class Sqlite() : SubscriptionFixture(TestDatabases.Sqlite);

    public sealed class Postgres() : SubscriptionFixture(TestDatabases.Postgres);

    public void Dispose()
    {
        Factory.Dispose();
        Factory.DeleteData();
    }
}
