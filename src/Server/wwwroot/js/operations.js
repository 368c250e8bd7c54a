// Generated from operations.graphql, do not edit: after changing that file run
// UPDATE_OPERATIONS=1 dotnet test tests/Tiktok.Tests --filter TrustedDocumentsFileTests
// Each operation's exact document and its SHA-256, the id the server registered it under at start.
export const Register = Object.freeze({ name: "Register", sha256: "bd376bbd2ed7de7bfb3cbebb19d6847fc26527a48f30a05e57c152d7abc60a83",
  document: "mutation Register($username: String!, $password: String!) {\n  register(username: $username, password: $password) { token user { ...UserBrief } }\n}\n\nfragment UserBrief on User { id name avatar }" });
export const Login = Object.freeze({ name: "Login", sha256: "2e9194085903cfe07b1a0e0633224a38918d84aba0c1a092b2155c38dbc40c10",
  document: "mutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) { token user { ...UserBrief } }\n}\n\nfragment UserBrief on User { id name avatar }" });
export const Feed = Object.freeze({ name: "Feed", sha256: "354ef1142ffcecda59440b714f94a354abb9daa7230378d5c5f7974b2f732e07",
  document: "query Feed($after: String) {\n  feed(first: 10, after: $after) { nodes { ...VideoFields } pageInfo { hasNextPage endCursor } }\n}\n\nfragment VideoFields on Video {\n  id title playUrl coverUrl favoriteCount commentCount isFavorite publishedAt\n  author { id name avatar isFollow }\n}" });
export const FollowingFeed = Object.freeze({ name: "FollowingFeed", sha256: "8247e26b64c641c2bd3ab0ec1a84851b70d167706036524ef28406bda5042811",
  document: "query FollowingFeed($after: String) {\n  followingFeed(first: 10, after: $after) { nodes { ...VideoFields } pageInfo { hasNextPage endCursor } }\n}\n\nfragment VideoFields on Video {\n  id title playUrl coverUrl favoriteCount commentCount isFavorite publishedAt\n  author { id name avatar isFollow }\n}" });
export const Video = Object.freeze({ name: "Video", sha256: "3c40dc2fe9c91a61b72b02845145b940df9c331c5c7e059aa9f2f45c148af5b4",
  document: "query Video($id: ID!) { video(id: $id) { ...VideoFields } }\n\nfragment VideoFields on Video {\n  id title playUrl coverUrl favoriteCount commentCount isFavorite publishedAt\n  author { id name avatar isFollow }\n}" });
export const VideoCountsNow = Object.freeze({ name: "VideoCountsNow", sha256: "aae9bb23bebd2e8e22a1cd49fa18adcdf0c1b6ba67c71b6afb9c1b2cd350c243",
  document: "query VideoCountsNow($id: ID!) { video(id: $id) { id favoriteCount commentCount } }" });
export const LikeVideo = Object.freeze({ name: "LikeVideo", sha256: "99b4b171d76b1d0c6ef57de4616f61934b3c0a3750efe0df2bd40c612096709b",
  document: "mutation LikeVideo($id: ID!) { likeVideo(videoId: $id) { favoriteCount commentCount isFavorite } }" });
export const UnlikeVideo = Object.freeze({ name: "UnlikeVideo", sha256: "8115d333ddb75946252524affd291ad155636bb08f8366b48d4d888013549cac",
  document: "mutation UnlikeVideo($id: ID!) { unlikeVideo(videoId: $id) { favoriteCount commentCount isFavorite } }" });
export const Publish = Object.freeze({ name: "Publish", sha256: "6dbb9525aa45cd6f2b4d02cbe859f7f08229f8869dcb4b6b17849c37b15fc016",
  document: "mutation Publish($title: String!, $file: Upload!) {\n  publishVideo(title: $title, file: $file) { id title coverUrl playUrl }\n}" });
export const VideoCounts = Object.freeze({ name: "VideoCounts", sha256: "41f472b393ba5488a032e8b7df9f5cd473b207ba77312c30525c44f4e5bc8f2e",
  document: "subscription VideoCounts($id: ID!) { videoCounts(videoId: $id) { videoId favoriteCount commentCount } }" });
export const Comments = Object.freeze({ name: "Comments", sha256: "ae2fa34de903fcacf6eea33dfa4a9bd8718103540646d6799489b7148478f229",
  document: "query Comments($id: ID!, $after: String) {\n  video(id: $id) {\n    commentCount\n    comments(first: 20, after: $after) { nodes { ...CommentFields } pageInfo { hasNextPage endCursor } }\n  }\n}\n\nfragment UserBrief on User { id name avatar }\n\nfragment CommentFields on Comment { id content createdAt user { ...UserBrief } }" });
export const AddComment = Object.freeze({ name: "AddComment", sha256: "9f623480857016fdc57314959e9c6b1c566849d19ad278b81e808ddee080cd2e",
  document: "mutation AddComment($id: ID!, $content: String!) { addComment(videoId: $id, content: $content) { ...CommentFields } }\n\nfragment UserBrief on User { id name avatar }\n\nfragment CommentFields on Comment { id content createdAt user { ...UserBrief } }" });
export const DeleteComment = Object.freeze({ name: "DeleteComment", sha256: "f65b838f87319d2c35cc1ed72406062e7583e62b5cf46df2a3d4326e17eb3cd3",
  document: "mutation DeleteComment($videoId: ID!, $commentId: ID!) { deleteComment(videoId: $videoId, commentId: $commentId) }" });
export const DeleteVideo = Object.freeze({ name: "DeleteVideo", sha256: "c8c9c36affead28d722d090f1af258e4ea13cd741fb625c592be3bddf4c9571b",
  document: "mutation DeleteVideo($id: ID!) { deleteVideo(id: $id) }" });
export const Report = Object.freeze({ name: "Report", sha256: "6731ef91eae3effc267df5e3d03de3b2fbd313e3c493bb7c0ad79897e60ccae1",
  document: "mutation Report($target: ReportTarget!, $id: ID!, $reason: ReportReason!, $note: String) {\n  report(target: $target, id: $id, reason: $reason, note: $note) { id state }\n}" });
export const CommentEvents = Object.freeze({ name: "CommentEvents", sha256: "d3fd817a4c36661d5bc1d8396d575206c5b9b55d8c4c5516c1e5f48a732daa17",
  document: "subscription CommentEvents($id: ID!) {\n  commentEvents(videoId: $id) { kind videoId commentId comment { ...CommentFields } }\n}\n\nfragment UserBrief on User { id name avatar }\n\nfragment CommentFields on Comment { id content createdAt user { ...UserBrief } }" });
export const UserBrief = Object.freeze({ name: "UserBrief", sha256: "36fdb46ea3655e7d5c45c852e3ec7fdd7825ae4efc69374214fe11e991bb9c03",
  document: "query UserBrief($id: ID!) { user(id: $id) { ...UserBrief } }\n\nfragment UserBrief on User { id name avatar }" });
export const Profile = Object.freeze({ name: "Profile", sha256: "39e87a7b978bd9512a6f6b71bcbff0dab81314948236702aa39e6533ed6ed207",
  document: "query Profile($id: ID!) {\n  user(id: $id) {\n    id name avatar backgroundImage signature followCount followerCount totalFavorited workCount favoriteCount isFollow isBlocked\n  }\n}" });
export const UserVideos = Object.freeze({ name: "UserVideos", sha256: "fcb6565f39567c6839e416d09d53aec91f4dbc30bdead598838e2a71a2a1e70b",
  document: "query UserVideos($id: ID!, $after: String) { user(id: $id) { videos(first: 18, after: $after) { ...VideoTiles } } }\n\nfragment VideoTiles on VideoConnection {\n  nodes { id title coverUrl favoriteCount }\n  pageInfo { hasNextPage endCursor }\n}" });
export const UserLikedVideos = Object.freeze({ name: "UserLikedVideos", sha256: "4899ad159be38aa98bef24569c29e7fe4f4ab4357886b7c62e06d3e2a4df250c",
  document: "query UserLikedVideos($id: ID!, $after: String) { user(id: $id) { likedVideos(first: 18, after: $after) { ...VideoTiles } } }\n\nfragment VideoTiles on VideoConnection {\n  nodes { id title coverUrl favoriteCount }\n  pageInfo { hasNextPage endCursor }\n}" });
export const Following = Object.freeze({ name: "Following", sha256: "2f909039a63f8a62bc50fdb8c46ebc61169c7542eb23409e368d210aeeb37efb",
  document: "query Following($id: ID!, $after: String) {\n  user(id: $id) { name following(first: 30, after: $after) { nodes { ...UserBrief } pageInfo { hasNextPage endCursor } } }\n}\n\nfragment UserBrief on User { id name avatar }" });
export const Followers = Object.freeze({ name: "Followers", sha256: "e6ef03d8d5166eb8b71bf92370f716a18b9771446c34486bee8eecd0a026715f",
  document: "query Followers($id: ID!, $after: String) {\n  user(id: $id) { name followers(first: 30, after: $after) { nodes { ...UserBrief } pageInfo { hasNextPage endCursor } } }\n}\n\nfragment UserBrief on User { id name avatar }" });
export const Friends = Object.freeze({ name: "Friends", sha256: "9767777f8f58149ad53199797c6f2f3b072bfc46dd47bd993b488961b96f87d1",
  document: "query Friends($id: ID!) { user(id: $id) { name friends { user { ...UserBrief } lastMessage } } }\n\nfragment UserBrief on User { id name avatar }" });
export const Follow = Object.freeze({ name: "Follow", sha256: "776204bd9ba9d5d51a021b9ee13eda53c5456454cf2f9a2d14b86218335a4def",
  document: "mutation Follow($id: ID!) { follow(userId: $id) { id isFollow followerCount } }" });
export const Unfollow = Object.freeze({ name: "Unfollow", sha256: "72c29fd45a0949d6a724a175aad1304d538471fed4e83d8af0a29302f3ee1d32",
  document: "mutation Unfollow($id: ID!) { unfollow(userId: $id) { id isFollow followerCount } }" });
export const BlockUser = Object.freeze({ name: "BlockUser", sha256: "91423190c43dff13388ba7caf05fa17eb048d87deb9387acc0323591c26420cb",
  document: "mutation BlockUser($id: ID!) { blockUser(userId: $id) { id isFollow isBlocked followerCount } }" });
export const UnblockUser = Object.freeze({ name: "UnblockUser", sha256: "5cd588ff6957e4e5b479943fdee4737409ae8c333d718de9f5061b480d658b64",
  document: "mutation UnblockUser($id: ID!) { unblockUser(userId: $id) { id isFollow isBlocked followerCount } }" });
export const Inbox = Object.freeze({ name: "Inbox", sha256: "8ee722ff55e6996bfefb622916199a6e39e2a2e0d3329bae5e5f04186f99b056",
  document: "query Inbox { me { friends { user { ...UserBrief } lastMessage lastMessageSentByViewer } } }\n\nfragment UserBrief on User { id name avatar }" });
export const Chat = Object.freeze({ name: "Chat", sha256: "0e67b0bf64a498bec8a4a8333bce73246724932dbfa44cff718713bff394ff0e",
  document: "query Chat($peer: ID!, $after: Long) { chat(withUserId: $peer, after: $after, first: 50) { ...MessageFields } }\n\nfragment MessageFields on Message { id fromUserId toUserId content createTime prevCreateTime }" });
export const SendMessage = Object.freeze({ name: "SendMessage", sha256: "d9e574d5584d2ad03dd91c5158bea48389220153f218aef4c391773287b9a2b3",
  document: "mutation SendMessage($to: ID!, $content: String!) { sendMessage(toUserId: $to, content: $content) { ...MessageFields } }\n\nfragment MessageFields on Message { id fromUserId toUserId content createTime prevCreateTime }" });
export const Messages = Object.freeze({ name: "Messages", sha256: "cc3b4e7a0f598655742d6251a01f0c522c869e972c6b29880d2a6e449359ecf8",
  document: "subscription Messages { messages { ...MessageFields } }\n\nfragment MessageFields on Message { id fromUserId toUserId content createTime prevCreateTime }" });
export const Notifications = Object.freeze({ name: "Notifications", sha256: "8fd487f1afeabdafbb7cb49f687c1b23269c09a084a12060284b47fa1624745f",
  document: "query Notifications($after: String) {\n  notifications(first: 20, after: $after) { edges { cursor node { ...NotificationFields } } pageInfo { hasNextPage endCursor } }\n  unreadNotificationCount\n}\n\nfragment UserBrief on User { id name avatar }\n\nfragment NotificationFields on Notification {\n  id kind actorCount commentText updatedAt read\n  actor { ...UserBrief }\n  video { id title coverUrl }\n}" });
export const UnreadNotificationCount = Object.freeze({ name: "UnreadNotificationCount", sha256: "dcaff2ad9c68794a7528d4ec7ed97809a40f2fbb54acd15c6586b339adef7bac",
  document: "query UnreadNotificationCount { unreadNotificationCount }" });
export const MarkNotificationsRead = Object.freeze({ name: "MarkNotificationsRead", sha256: "c08e309d621da54f4dbf7729cb37f4b3250ec1755535d8cd9fd7d7000cdf3c1f",
  document: "mutation MarkNotificationsRead($upTo: String) { markNotificationsRead(upTo: $upTo) }" });
export const NotificationEvents = Object.freeze({ name: "NotificationEvents", sha256: "44ffa4a0710c2ab16f6dc5a83861df1a72b0cbe8fbe66bfac02f09642e11697d",
  document: "subscription NotificationEvents { notificationEvents { kind unreadCount notification { ...NotificationFields } } }\n\nfragment UserBrief on User { id name avatar }\n\nfragment NotificationFields on Notification {\n  id kind actorCount commentText updatedAt read\n  actor { ...UserBrief }\n  video { id title coverUrl }\n}" });
