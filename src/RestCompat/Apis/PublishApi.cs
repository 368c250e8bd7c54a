using Microsoft.AspNetCore.Http;
using Tiktok.Core.Errors;
using Tiktok.Core.Videos;
using Tiktok.Edge.Bodies;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Apis;

public static class PublishApi
{
    private const int MaxFieldBytes = 16 * 1024;

    /// <summary>
    /// POST /douyin/publish/action/ (multipart: data, token, title), read by the edge's
    /// <see cref="MultipartBodyReader"/>: a token in the query or header is checked before the body
    /// is read, a token part before the file part that follows it; the stock app sends the file
    /// first, so a file before any token is staged and the token checked before anything else is
    /// done (docs/rest-compat.md). Nothing is kept on refusal.
    /// </summary>
    public static async Task Publish(HttpContext http, Publishing publishing, MultipartBodyReader bodies)
    {
        MultipartBody? body = null;
        try
        {
            await Answer.WithRequest(http, async ctx =>
            {
                body = await bodies.ReadAsync(ctx, Plan(ctx));
                return DouyinRequest.FromFields(ctx, body.Fields);
            }, async req =>
            {
                var user = await req.RequireUserAsync();
                var title = req.Get("title");
                if (body!.Files.Count == 0) throw DomainErrors.UploadMissing();
                // The whole file is here: finish even if the app stops waiting (it gives up after
                // about 5 s), so the video is not lost and the author finds it in their list.
                await publishing.PublishAsync(user, title, body.Files[0].Upload, CancellationToken.None);
                return new StatusResponse();
            });
        }
        finally
        {
            if (body is not null) await body.DisposeAsync();
        }
    }

    /// <summary>GET /douyin/publish/list/: the user's videos, newest first.</summary>
    public static Task List(HttpContext http, VideoQueries videos, ShapeMapper shapes) =>
        Answer.With(http, async req =>
        {
            var (subject, viewer) = await req.SubjectAndViewerAsync();
            var list = await videos.PublishedByAsync(subject, viewer, req.Aborted);
            var baseUrl = ShapeMapper.RequestBase(http);
            return new VideoListResponse { VideoList = list.Select(v => shapes.Video(v, baseUrl)).ToList() };
        });

    /// <summary>The publish body: <c>data</c> is the file, every other non-file part a field; the token as DouyinRequest reads it.</summary>
    private static MultipartPlan Plan(HttpContext http)
    {
        var query = http.Request.Query["token"].ToString();
        var header = http.Request.Headers.Authorization.ToString();
        var outside = query.Length > 0 ? query
            : header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        return new MultipartPlan
        {
            Role = (name, isFile, body) => name switch
            {
                "data" when body.Files.Count > 0 => throw DomainErrors.Invalid("data", "was sent more than once"),
                "data" => PartRole.File,
                _ => isFile ? PartRole.Skip : PartRole.Field,
            },
            MaxFieldBytes = _ => MaxFieldBytes,
            TokenOutsideBody = outside,
            TokenField = "token",
            StageFileBeforeToken = true,
            TokenRequired = true,
        };
    }
}
