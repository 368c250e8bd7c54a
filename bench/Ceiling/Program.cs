// The ceiling of bench/run.sh: a minimal Kestrel app that answers every request with the bytes of a
// file (the real feed answer, captured from the server at the start of the run) and does no other
// work: no routing, no logging, no authentication. What the server reaches beside it, in the same
// run on the same cores, is the share of the machine its own work leaves to HTTP.
//
//   dotnet Tiktok.Bench.Ceiling.dll BODY_FILE URL      e.g. /tmp/feed.json http://127.0.0.1:18299

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Tiktok.Bench.Ceiling BODY_FILE URL");
    return 2;
}
var body = File.ReadAllBytes(args[0]);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(args[1]);
var app = builder.Build();
app.Run(http =>
{
    http.Response.StatusCode = 200;
    http.Response.ContentType = "application/json; charset=utf-8";
    http.Response.ContentLength = body.Length;
    return http.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
return 0;
