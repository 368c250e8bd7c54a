namespace Tiktok.Server.Media;

public enum MediaStoreKind { Local, S3 }
