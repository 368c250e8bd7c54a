namespace Tiktok.Server.Media;

public enum MediaUrlMode { Proxied, Presigned, Public }
