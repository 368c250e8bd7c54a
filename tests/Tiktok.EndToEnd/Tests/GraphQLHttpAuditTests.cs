using Tiktok.EndToEnd.Infrastructure;
using Xunit.Abstractions;

namespace Tiktok.EndToEnd.Tests;

/// <summary>Clients nobody here wrote, from npm, against the server under test (see <see cref="NodeTool"/>).</summary>
[Collection(ServerCollection.Name)]
public sealed class GraphQLHttpAuditTests(ServerFixture fixture, ITestOutputHelper output)
{
    /// <summary>graphql-http's serverAudits (tools/graphql-http-audit): no MUST and no SHOULD of GraphQL over HTTP may fail.</summary>
    [Fact]
    public Task The_graphql_over_http_audit_passes_every_must_and_should() =>
        NodeTool.RunAsync("tools/graphql-http-audit", "graphql-http", "audit.mjs", [fixture.BaseUrl + "/graphql"], output);

    /// <summary>
    /// The reference graphql-transport-ws client (npm graphql-ws, tests/tools/graphql-ws): a query over
    /// the socket, two chat messages pushed once each, a bad token closed with 4403.
    /// </summary>
    [Fact]
    public Task The_graphql_ws_client_subscribes_and_receives_each_message_once() =>
        NodeTool.RunAsync("tests/tools/graphql-ws", "graphql-ws", "check.mjs", [fixture.BaseUrl], output);
}
