using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Videos;

/// <summary>A liked video and where it stands in its liker's list.</summary>
public sealed record LikedVideo(VideoView Video, TimeCursor Cursor);
