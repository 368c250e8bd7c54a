using Microsoft.AspNetCore.Http;
using Tiktok.Core.Messages;
using Tiktok.RestCompat.Binding;
using Tiktok.RestCompat.Contract;

namespace Tiktok.RestCompat.Apis;

public static class MessageApi
{
    /// <summary>GET /douyin/message/chat/: both directions, oldest first, created strictly after pre_msg_time.</summary>
    public static Task History(HttpContext http, Messages messages) =>
        Answer.With(http, async req =>
        {
            var user = await req.RequireUserAsync();
            var peer = req.RequiredId("to_user_id");
            var after = req.OptionalTime("pre_msg_time") ?? 0;
            var list = await messages.HistoryAsync(user, peer, after, req.Aborted);
            return new MessageListResponse { MessageList = list.Select(ShapeMapper.Message).ToList() };
        });

    /// <summary>POST /douyin/message/action/: action_type 1 sends.</summary>
    public static Task Send(HttpContext http, Messages messages) =>
        Answer.With(http, async req =>
        {
            var user = await req.RequireUserAsync();
            var peer = req.RequiredId("to_user_id");
            req.ActionType(1);
            await messages.SendAsync(user, peer, req.RequiredString("content"), req.Aborted);
            return new StatusResponse();
        });
}
