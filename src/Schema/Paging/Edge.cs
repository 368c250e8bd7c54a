using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;
using Tiktok.Core.Errors;
using Tiktok.Core.Videos;

namespace Tiktok.Schema.Paging;

public sealed record Edge<T>(string Cursor, T Node);
