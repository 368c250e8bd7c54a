using Tiktok.Server.Hosting;
using Tiktok.Server.Observability;
using Tiktok.Core.Media;

namespace Tiktok.Server.Media;

public enum MediaStoreKind { Local, S3 }
