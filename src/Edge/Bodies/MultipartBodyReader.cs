using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Tiktok.Core.Errors;
using Tiktok.Core.Media;

namespace Tiktok.Edge.Bodies;

/// <summary>
/// The one multipart reader (REST publish, GraphQL uploads): files stream to <see cref="UploadStaging"/>
/// under the upload limit, text parts are read under their limits, and the token is checked before
/// any file is read (docs/rest-compat.md, docs/graphql.md). A body cut short or badly framed is a
/// <see cref="Errors.MalformedBodyException"/>; on any failure nothing staged is kept.
/// </summary>
public sealed class MultipartBodyReader(UploadStaging staging, UploaderToken uploader)
{
    /// <summary>Room for the text parts and the multipart framing next to the largest upload.</summary>
    public const int FramingAllowance = 1024 * 1024;

    public async Task<MultipartBody> ReadAsync(HttpContext http, MultipartPlan plan)
    {
        var body = new MultipartBody();
        var tokenSeen = false;
        if (!string.IsNullOrEmpty(plan.TokenOutsideBody))
        {
            body.Uploader = await uploader.ValidateAsync(http, plan.TokenOutsideBody);
            tokenSeen = true;
        }

        var contentType = http.Request.ContentType;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ||
            !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw DomainErrors.Invalid("Content-Type", "must be multipart/form-data");
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw DomainErrors.Invalid("Content-Type", "has no multipart boundary");

        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = staging.MaxBytes + FramingAllowance;

        var ct = http.RequestAborted;
        var reader = new MultipartReader(boundary, new BodyStream(http.Request.Body));
        try
        {
            while (await RequestBodies.ReadAsync(http, () => reader.ReadNextSectionAsync(ct)) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    throw new Errors.MalformedBodyException(new InvalidDataException("a part has no valid Content-Disposition header"));
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                switch (plan.Role(name, disposition.IsFileDisposition(), body))
                {
                    case PartRole.Field:
                        var value = await ReadTextAsync(new BodyStream(section.Body), name, plan.MaxFieldBytes(name), ct);
                        if (name == plan.TokenField && value.Length > 0)
                        {
                            body.Uploader = await uploader.ValidateAsync(http, value);
                            tokenSeen = true;
                        }
                        body.Fields[name] = value;
                        plan.OnField?.Invoke(name, value, body);
                        break;
                    case PartRole.File:
                        // Refused unread unless the front must accept a file before its token (then the token still comes first of everything else).
                        if (!tokenSeen && !plan.StageFileBeforeToken) throw DomainErrors.TokenMissing();
                        body.Files.Add((name, await staging.StageAsync(new BodyStream(section.Body), ct)));
                        break;
                }
            }
            if (plan.TokenRequired && !tokenSeen) throw DomainErrors.TokenMissing();
            return body;
        }
        catch
        {
            await body.DisposeAsync();
            throw;
        }
    }

    /// <summary>A text part, read whole but never past <paramref name="maxBytes"/>: TOO_LONG names the part.</summary>
    private static async Task<string> ReadTextAsync(Stream part, string name, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await part.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw DomainErrors.TooLong(name, maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
