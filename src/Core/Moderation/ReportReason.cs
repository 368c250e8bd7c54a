namespace Tiktok.Core.Moderation;

/// <summary>Why a user reports something; stored in lower case.</summary>
public enum ReportReason
{
    Spam,
    Harassment,
    Hate,
    Violence,
    Sexual,
    SelfHarm,
    Misinformation,
    Copyright,
    Other,
}
