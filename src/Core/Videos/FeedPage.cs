using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Videos;

/// <summary>One page of the feed and the cursor for the next.</summary>
public sealed record FeedPage(IReadOnlyList<VideoView> Videos, long NextTime);
