using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tiktok.Core.Caching;
using Tiktok.Core.Data;
using Tiktok.Core.Errors;

namespace Tiktok.Core.Videos;

/// <summary>A position in a list ordered by (time, id), both descending.</summary>
public readonly record struct TimeCursor(long At, long Id);
