using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Tiktok.Core.Errors;
using Tiktok.Core.Media;
using Tiktok.Core.Videos;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Apis;

public static class PublishApi
{
    private const int MaxFieldBytes = 16 * 1024;

    /// <summary>
    /// POST /douyin/publish/action/ (multipart: data, token, title). The file part streams to a
    /// staging file under the size limit, whatever order the parts come in; nothing is kept on refusal.
    /// </summary>
    public static async Task Publish(HttpContext http, Publishing publishing, UploadStaging staging)
    {
        StagedUpload? upload = null;
        try
        {
            await Answer.WithRequest(http, async ctx =>
            {
                var (fields, staged) = await ReadMultipartAsync(ctx, staging);
                upload = staged;
                return DouyinRequest.FromFields(ctx, fields);
            }, async req =>
            {
                var user = await req.RequireUserAsync();
                var title = req.Get("title");
                if (upload is null) throw DomainErrors.UploadMissing();
                // The whole file is here: finish even if the app stops waiting (it gives up after
                // about 5 s), so the video is not lost and the author finds it in their list.
                await publishing.PublishAsync(user, title, upload, CancellationToken.None);
                return new StatusResponse();
            });
        }
        finally
        {
            if (upload is not null) await upload.DisposeAsync();
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

    private static async Task<(Dictionary<string, string> Fields, StagedUpload? Upload)> ReadMultipartAsync(
        HttpContext http, UploadStaging staging)
    {
        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = staging.MaxBytes + 1024 * 1024;

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var contentType = http.Request.ContentType;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw DomainErrors.Invalid("data", "must be sent as multipart/form-data");
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw DomainErrors.Invalid("data", "came in a multipart body without a boundary");

        var reader = new MultipartReader(boundary, http.Request.Body);
        StagedUpload? upload = null;
        try
        {
            while (await reader.ReadNextSectionAsync(http.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == "data")
                {
                    if (upload is not null) throw DomainErrors.Invalid("data", "was sent more than once");
                    upload = await staging.StageAsync(section.Body, http.RequestAborted);
                }
                else if (!disposition.IsFileDisposition())
                {
                    fields[name] = await UploadStaging.ReadTextPartAsync(section.Body, name, MaxFieldBytes, http.RequestAborted);
                }
            }
            return (fields, upload);
        }
        catch
        {
            if (upload is not null) await upload.DisposeAsync();
            throw;
        }
    }
}
