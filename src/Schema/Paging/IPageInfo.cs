using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Errors;
using Tiktok.Core.Videos;

namespace Tiktok.Schema.Paging;

public interface IPageInfo
{
    bool HasNextPage { get; }
    string? EndCursor { get; }
}
