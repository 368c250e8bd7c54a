using Tiktok.Browser.Infrastructure;

namespace Tiktok.Browser.Tests;

/// <summary>
/// With Tiktok:GraphQL:TrustedDocuments=Only the server runs nothing but the operations registered from
/// wwwroot/js/operations.graphql: the whole two-user scenario (sign-up, upload, feed, live likes and
/// comments, follows, live chat, reload, log-out) works unchanged, every request sent by hash.
/// </summary>
[Collection(TrustedOnlyBrowserCollection.Name)]
public sealed class TrustedDocumentsTests(TrustedOnlyBrowserFixture fixture)
{
    [ChromiumFact]
    public async Task The_web_client_works_when_only_its_registered_operations_run()
    {
        ChromiumFactAttribute.RequireChromium();
        // The server really refuses other text.
        using (var refused = await fixture.Http.PostAsync(fixture.BaseUrl + "/graphql",
                   new StringContent("""{"query":"{ feed(first: 1) { nodes { id } } }"}""", System.Text.Encoding.UTF8, "application/json")))
            Assert.Contains("PERSISTED_QUERY_NOT_ALLOWED", await refused.Content.ReadAsStringAsync());

        await using var alice = await AppPage.OpenAsync(fixture, "Alice", phone: false);
        await using var bob = await AppPage.OpenAsync(fixture, "Bob", phone: true);
        try
        {
            await TwoUsersTests.Scenario(alice, bob);
        }
        catch (Exception e)
        {
            await alice.ScreenshotAsync("failure-trusted-alice");
            await bob.ScreenshotAsync("failure-trusted-bob");
            throw new Exception($"{e.Message}\nAlice's page errors: {string.Join(" | ", alice.Errors)}\n" +
                                $"Bob's page errors: {string.Join(" | ", bob.Errors)}\n{fixture.LogTail()}", e);
        }
    }
}
