namespace Tiktok.Core.Data;

/// <summary>Size limits of user-supplied text, shared by validation and the schema.</summary>
public static class Limits
{
    public const int UsernameMax = 32;
    public const int PasswordMax = 32;
    public const int PasswordMin = 6;
    public const int TitleMax = 100;
    public const int CommentMax = 500;
    public const int MessageMax = 1000;
    public const int SignatureMax = 200;
    public const int FeedPage = 30;
    public const int ReportNoteMax = 500;
    /// <summary>Most open reports in one page of the operators' list.</summary>
    public const int ReportPage = 50;
    public const int MediaKeyMax = 300;
}
