using Microsoft.EntityFrameworkCore;

namespace Tiktok.Core.Data;

public sealed class TiktokDbContext(DbContextOptions<TiktokDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Video> Videos => Set<Video>();
    public DbSet<Like> Likes => Set<Like>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<Follow> Follows => Set<Follow>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MediaJob> MediaJobs => Set<MediaJob>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationActor> NotificationActors => Set<NotificationActor>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<User>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.Name).HasMaxLength(Limits.UsernameMax);
            e.HasIndex(u => u.Name).IsUnique();
            e.Property(u => u.PasswordHash).HasMaxLength(100);
            e.Property(u => u.Signature).HasMaxLength(Limits.SignatureMax);
            // Columns keep the names the first migration gave them (the REST contract's words).
            e.Property(u => u.LikesReceived).HasColumnName("TotalFavorited");
            e.Property(u => u.LikeCount).HasColumnName("FavoriteCount");
        });
        model.Entity<Video>(e =>
        {
            e.ToTable("videos");
            e.Property(v => v.Title).HasMaxLength(Limits.TitleMax);
            e.Property(v => v.LikeCount).HasColumnName("FavoriteCount");
            e.HasIndex(v => v.CreatedAt).IsUnique();
            e.HasIndex(v => new { v.AuthorId, v.CreatedAt });
            e.HasOne(v => v.Author).WithMany().HasForeignKey(v => v.AuthorId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Like>(e =>
        {
            e.ToTable("likes");
            e.HasKey(l => new { l.UserId, l.VideoId });
            e.HasIndex(l => new { l.UserId, l.CreatedAt });
            e.HasIndex(l => l.VideoId);
            e.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(l => l.Video).WithMany().HasForeignKey(l => l.VideoId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Comment>(e =>
        {
            e.ToTable("comments");
            e.Property(c => c.Content).HasMaxLength(Limits.CommentMax);
            e.HasIndex(c => new { c.VideoId, c.Id });
            e.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Video>().WithMany().HasForeignKey(c => c.VideoId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Follow>(e =>
        {
            e.ToTable("follows");
            e.HasKey(f => new { f.FollowerId, f.FolloweeId });
            e.HasIndex(f => new { f.FolloweeId, f.FollowerId });
            e.HasOne(f => f.Follower).WithMany().HasForeignKey(f => f.FollowerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(f => f.Followee).WithMany().HasForeignKey(f => f.FolloweeId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Message>(e =>
        {
            e.ToTable("messages");
            e.Ignore(m => m.PreviousCreatedAt);
            e.Property(m => m.Content).HasMaxLength(Limits.MessageMax);
            e.HasIndex(m => m.CreatedAt).IsUnique();
            e.HasIndex(m => new { m.FromUserId, m.ToUserId, m.CreatedAt });
            e.HasIndex(m => new { m.ToUserId, m.FromUserId, m.CreatedAt });
            e.HasOne<User>().WithMany().HasForeignKey(m => m.FromUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.ToUserId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<MediaJob>(e =>
        {
            e.ToTable("media_jobs");
            e.Property(j => j.Kind).HasMaxLength(16);
            e.Property(j => j.State).HasMaxLength(16);
            e.Property(j => j.LeaseOwner).HasMaxLength(64);
            e.Property(j => j.LastError).HasMaxLength(500);
            // One job of a kind per video; claims look for pending or expired work.
            e.HasIndex(j => new { j.VideoId, j.Kind }).IsUnique();
            e.HasIndex(j => new { j.State, j.LeaseUntil });
            e.HasOne<Video>().WithMany().HasForeignKey(j => j.VideoId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Notification>(e =>
        {
            e.ToTable("notifications");
            e.Ignore(n => n.CommentText);
            e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
            // The recipient's list, newest first; the undo of an action finds its notification by subject.
            e.HasIndex(n => new { n.RecipientId, n.UpdatedAt, n.Id });
            e.HasIndex(n => new { n.Kind, n.SubjectId });
            e.HasIndex(n => n.VideoId);
            // At most one unread group per subject: a concurrent second start loses (unique violation) and joins the first.
            e.HasIndex(n => new { n.Kind, n.SubjectId }, "IX_notifications_unread_subject").IsUnique().HasFilter("\"ReadAt\" IS NULL");
            // No foreign key to the video or comment: a video removed with its likes and comments withdraws
            // their notifications in the same action, after the rows they name are gone.
            e.HasOne<User>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<User>().WithMany().HasForeignKey(n => n.ActorId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<NotificationActor>(e =>
        {
            e.ToTable("notification_actors");
            e.HasKey(a => new { a.NotificationId, a.ActorId });
            e.HasOne<Notification>().WithMany().HasForeignKey(a => a.NotificationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<User>().WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
