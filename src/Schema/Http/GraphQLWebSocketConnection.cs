using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiktok.Core.Errors;
using Tiktok.Schema.Errors;
using Tiktok.Schema.Subscriptions;
using static Tiktok.Schema.Http.GraphQLWebSocketCloseCodes;

namespace Tiktok.Schema.Http;

/// <summary>
/// One graphql-transport-ws socket: reads and answers the protocol's messages, runs its operations
/// through the same <see cref="IDocumentExecuter{TSchema}"/> as HTTP, and writes every outgoing
/// message from one writer loop. Bounded: message size, operations at once, queued replies, and
/// each subscription's events in flight (<see cref="SubscriptionFlow"/>). See docs/graphql.md.
/// </summary>
public sealed class GraphQLWebSocketConnection(
    WebSocket socket,
    HttpContext http,
    GraphQLWebSocketOptions options,
    IDocumentExecuter<TiktokSchema> executer,
    IGraphQLTextSerializer serializer,
    ILogger logger)
{
    /// <summary>Replies the reader may have queued and not yet written before it waits (pong floods back-pressure here).</summary>
    private const int MaxQueuedReplies = 32;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Longest the reader waits for a subscription to go live before it reads the next message.</summary>
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(2);

    private sealed record Outgoing(string Json, Action? Written);

    private sealed class Operation(string id) : IDisposable
    {
        public string Id { get; } = id;
        public CancellationTokenSource Cancel { get; } = new();
        public SubscriptionFlow Flow { get; } = new();
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set once a subscription's stream is subscribed, a query or mutation starts executing, or the operation ended.</summary>
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose()
        {
            Started.TrySetResult();
            Done.TrySetResult();
            try { Cancel.Cancel(); } catch (ObjectDisposedException) { }
        }
    }

    private readonly Channel<Outgoing> _outbox = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _replies = new(MaxQueuedReplies, MaxQueuedReplies);
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closeCode = -1;
    private string _closeReason = "";
    private int _initReceived;
    private volatile bool _acknowledged;
    private long? _viewer;

    public async Task RunAsync()
    {
        var writing = WriteLoopAsync();
        var reading = ReadLoopAsync();
        _ = Task.Delay(options.ConnectionInitTimeout, _lifetime.Token).ContinueWith(_ =>
        {
            if (Volatile.Read(ref _initReceived) == 0) Close(ConnectionInitTimeout, "Connection initialisation timeout");
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        await Task.WhenAny(reading, _closed.Task);
        Close(Normal, "");
        await writing;
        // We closed: the close frame went out after the queued messages; the client has a moment to answer it.
        if (await Task.WhenAny(reading, Task.Delay(CloseHandshakeTimeout)) != reading) socket.Abort();
        try { await reading; } catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        _lifetime.Cancel();
        foreach (var operation in _operations.Values) operation.Dispose();
        _operations.Clear();
    }

    /// <summary>Closes once with <paramref name="code"/>, after the messages already queued.</summary>
    private void Close(int code, string reason)
    {
        if (Interlocked.CompareExchange(ref _closeCode, code, -1) != -1) return;
        _closeReason = reason;
        if (code is not (Normal or 1001)) logger.LogInformation("GraphQL WebSocket closed with {Code}: {Reason}", code, reason);
        _outbox.Writer.TryComplete();
        _closed.TrySetResult();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync())
            {
                try
                {
                    if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                        await socket.SendAsync(Encoding.UTF8.GetBytes(message.Json), WebSocketMessageType.Text, true, CancellationToken.None);
                }
                finally
                {
                    message.Written?.Invoke();
                }
            }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync((WebSocketCloseStatus)Math.Max(_closeCode, Normal), _closeReason, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            Close(1006, "the connection was lost");
            while (_outbox.Reader.TryRead(out var left)) left.Written?.Invoke();
        }
    }

    private async Task ReadLoopAsync()
    {
        await ReadMessagesAsync();
        // After a close of ours, discard what still comes until the client's close frame.
        var discard = new byte[4096];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
                if ((await socket.ReceiveAsync(discard.AsMemory(), CancellationToken.None)).MessageType == WebSocketMessageType.Close) break;
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException) { }
    }

    private async Task ReadMessagesAsync()
    {
        var buffer = new byte[options.MaxMessageBytes + 1];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (length == buffer.Length)
                    {
                        Close(MessageTooBig, $"a message may be at most {options.MaxMessageBytes} bytes");
                        return;
                    }
                    received = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += received.Count;
                } while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    Close(Normal, "");
                    await _closed.Task;
                    return;
                }
                if (length > options.MaxMessageBytes)
                {
                    Close(MessageTooBig, $"a message may be at most {options.MaxMessageBytes} bytes");
                    return;
                }
                if (received.MessageType != WebSocketMessageType.Text)
                {
                    Close(BadRequest, "Invalid message received: messages are JSON text");
                    return;
                }
                if (!await HandleAsync(buffer.AsMemory(0, length))) return;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Close(1006, "the connection was lost");
        }
    }

    /// <summary>One client message; false once the socket is closing.</summary>
    private async Task<bool> HandleAsync(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json); }
        catch (JsonException) { Close(BadRequest, "Invalid message received: not JSON"); return false; }
        using (document)
        {
            var message = document.RootElement;
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("type", out var typeProperty) ||
                typeProperty.ValueKind != JsonValueKind.String)
            {
                Close(BadRequest, "Invalid message received: a message is an object with a string 'type'");
                return false;
            }
            JsonElement? payload = message.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null ? p.Clone() : null;
            switch (typeProperty.GetString())
            {
                case "connection_init":
                    if (Interlocked.Exchange(ref _initReceived, 1) == 1)
                    {
                        Close(TooManyInitialisationRequests, "Too many initialisation requests");
                        return false;
                    }
                    if (payload is { ValueKind: not JsonValueKind.Object })
                    {
                        Close(BadRequest, "Invalid message received: the connection_init payload must be an object");
                        return false;
                    }
                    var caller = await GraphQLWebSocketAuthentication.AuthenticateAsync(payload, http);
                    if (caller is null)
                    {
                        Close(Forbidden, "Forbidden: the token is invalid or expired, or its user no longer exists");
                        return false;
                    }
                    _viewer = caller.Value.UserId;
                    if (_viewer is not null) CloseAt(caller.Value.ExpiresAt);
                    _acknowledged = true;
                    await ReplyAsync("""{"type":"connection_ack"}""");
                    return true;
                case "ping":
                    await ReplyAsync("""{"type":"pong"}""");
                    return true;
                case "pong":
                    return true;
                case "subscribe":
                    return await SubscribeAsync(message, payload);
                case "complete":
                    if (!TryGetId(message, out var completed)) return false;
                    if (_operations.TryRemove(completed, out var operation)) operation.Dispose();
                    return true;
                default:
                    Close(BadRequest, $"Invalid message received: unknown type '{Truncate(typeProperty.GetString()!)}'");
                    return false;
            }
        }
    }

    private async Task<bool> SubscribeAsync(JsonElement message, JsonElement? payload)
    {
        if (!_acknowledged)
        {
            Close(Unauthorized, "Unauthorized");
            return false;
        }
        if (!TryGetId(message, out var id)) return false;
        // A string 'query', or none beside a persisted operation's hash (extensions.persistedQuery or documentId).
        if (payload is not { ValueKind: JsonValueKind.Object } body ||
            (body.TryGetProperty("query", out var query)
                ? query.ValueKind != JsonValueKind.String
                : !body.TryGetProperty("documentId", out _) && !(body.TryGetProperty("extensions", out var ext) &&
                                                                  ext.ValueKind == JsonValueKind.Object && ext.TryGetProperty("persistedQuery", out _))))
        {
            Close(BadRequest, "Invalid message received: subscribe needs a payload with a string 'query' (or a persisted operation's hash)");
            return false;
        }
        if (_operations.ContainsKey(id))
        {
            Close(SubscriberAlreadyExists, $"Subscriber for {Truncate(id)} already exists");
            return false;
        }
        if (_operations.Count >= options.MaxOperations)
        {
            await ReplyAsync(Message(id, "error", ErrorsJson(DomainErrors.OutOfRange("id",
                $"a connection runs at most {options.MaxOperations} operations at once: complete one first"))));
            return true;
        }
        GraphQL.Transport.GraphQLRequest? request;
        try { request = serializer.Deserialize<GraphQL.Transport.GraphQLRequest>(body.GetRawText()); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            await ReplyAsync(Message(id, "error", ErrorsJson(DomainErrors.Invalid("variables", $"are not valid: {e.Message}"))));
            return true;
        }
        try
        {
            var outcome = http.RequestServices.GetRequiredService<PersistedQueries>().Resolve(request!);
            if (outcome != PersistedQueryOutcome.Ready)
            {
                await ReplyAsync(Message(id, "error", ErrorsJson(new ExecutionResult { Errors = [PersistedQueries.Error(outcome)] })));
                return true;
            }
        }
        catch (DomainException refused)
        {
            await ReplyAsync(Message(id, "error", ErrorsJson(refused)));
            return true;
        }
        if (string.IsNullOrEmpty(request!.Query))
        {
            Close(BadRequest, "Invalid message received: subscribe needs a payload with a string 'query' (or a persisted operation's hash)");
            return false;
        }
        var operation = new Operation(id);
        _operations[id] = operation;
        _ = RunOperationAsync(operation, request);
        // The next message is read once this subscription is live (or this operation is a query or
        // mutation, or it ended): a query sent after a subscribe sees the state from which the
        // subscription's events follow, so a catch-up query misses nothing. Bounded, so a slow
        // resolver cannot stall the socket.
        try { await operation.Started.Task.WaitAsync(StartWait, _lifetime.Token); }
        catch (TimeoutException) { }
        catch (OperationCanceledException) { }
        return true;
    }

    private async Task RunOperationAsync(Operation operation, GraphQL.Transport.GraphQLRequest request)
    {
        var id = operation.Id;
        try
        {
            await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var context = new GraphQLUserContext
            {
                ViewerId = _viewer,
                RequestBase = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}",
                ClientAddress = http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            };
            context[SubscriptionFlow.UserContextKey] = operation.Flow;
            var result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = request.Query,
                OperationName = request.OperationName,
                Variables = request.Variables,
                Extensions = request.Extensions,
                RequestServices = scope.ServiceProvider,
                UserContext = context,
                CancellationToken = operation.Cancel.Token,
                ThrowOnUnhandledException = false,
                Listeners = { new StartListener(operation) },
            });
            if (operation.Cancel.IsCancellationRequested) return;
            if (!result.Executed)
            {
                await ReplyAsync(Message(id, "error", ErrorsJson(result)));
                return;
            }
            if (result.Streams is { Count: > 0 } streams)
            {
                using var subscription = streams.Values.First().Subscribe(new StreamObserver(this, operation));
                operation.Started.TrySetResult();
                await operation.Done.Task;
                return;
            }
            await ReplyAsync(Message(id, "next", serializer.Serialize(result)));
            await ReplyAsync(Message(id, "complete", null));
        }
        catch (OperationCanceledException) when (operation.Cancel.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "GraphQL WebSocket operation {Id} failed", id);
            Enqueue(Message(id, "error", ErrorsJson(new DomainException(ErrorCode.Internal, "the operation failed on the server"))), null);
        }
        finally
        {
            _operations.TryRemove(new KeyValuePair<string, Operation>(id, operation));
            operation.Dispose();
        }
    }

    /// <summary>Tells the reader that a query or mutation has started (a subscription starts once its stream is subscribed).</summary>
    private sealed class StartListener(Operation operation) : GraphQL.Execution.DocumentExecutionListenerBase
    {
        public override Task BeforeExecutionAsync(GraphQL.Execution.IExecutionContext context)
        {
            if (context.Operation.Operation != OperationType.Subscription) operation.Started.TrySetResult();
            return Task.CompletedTask;
        }
    }

    /// <summary>Receives one subscription's results: each is a <c>next</c>; the end a <c>complete</c> or an <c>error</c>.</summary>
    private sealed class StreamObserver(GraphQLWebSocketConnection connection, Operation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (operation.Done.Task.IsCompleted) { operation.Flow.Release(); return; }
            connection.Enqueue(Message(operation.Id, "next", connection.Serialize(value)), operation.Flow.Release);
        }

        public void OnError(Exception error)
        {
            if (!operation.Done.Task.IsCompleted)
                connection.Enqueue(Message(operation.Id, "error", connection.ErrorsJson(error)), null);
            operation.Done.TrySetResult();
        }

        public void OnCompleted()
        {
            if (!operation.Done.Task.IsCompleted) connection.Enqueue(Message(operation.Id, "complete", null), null);
            operation.Done.TrySetResult();
        }
    }

    private void CloseAt(DateTimeOffset expires)
    {
        var delay = expires - DateTimeOffset.UtcNow;
        if (delay > TimeSpan.FromDays(24)) return; // beyond Task.Delay's range; such a token outlives any connection
        _ = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, _lifetime.Token).ContinueWith(
            _ => Close(Forbidden, "Forbidden: the token expired; connect again with a fresh one"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private bool TryGetId(JsonElement message, out string id)
    {
        id = message.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        if (id.Length is > 0 and <= 128) return true;
        Close(BadRequest, "Invalid message received: 'id' must be a string of 1 to 128 characters");
        return false;
    }

    /// <summary>A reply from the reader: waits while <see cref="MaxQueuedReplies"/> are still unwritten.</summary>
    private async Task ReplyAsync(string json)
    {
        try { await _replies.WaitAsync(_lifetime.Token); }
        catch (OperationCanceledException) { return; }
        Enqueue(json, () => _replies.Release());
    }

    private void Enqueue(string json, Action? written)
    {
        if (!_outbox.Writer.TryWrite(new Outgoing(json, written))) written?.Invoke();
    }

    private static string Message(string id, string type, string? payloadJson)
    {
        var head = $"{{\"id\":{JsonSerializer.Serialize(id)},\"type\":\"{type}\"";
        return payloadJson is null ? head + "}" : head + ",\"payload\":" + payloadJson + "}";
    }

    private string ErrorsJson(DomainException refusal) => ErrorsJson(new ExecutionResult { Errors = [new DomainError(refusal)] });

    private string ErrorsJson(Exception error) => ErrorsJson(error switch
    {
        ExecutionError e => new ExecutionResult { Errors = [e] },
        DomainException d => new ExecutionResult { Errors = [new DomainError(d)] },
        _ => new ExecutionResult { Errors = [new DomainError(new DomainException(ErrorCode.Internal, "the subscription failed on the server"))] },
    });

    /// <summary>The protocol's error payload: the result's <c>errors</c> array alone.</summary>
    private string ErrorsJson(ExecutionResult result)
    {
        using var document = JsonDocument.Parse(serializer.Serialize(result));
        return document.RootElement.TryGetProperty("errors", out var errors) ? errors.GetRawText() : "[]";
    }

    private string Serialize(ExecutionResult result) => serializer.Serialize(result);

    private static string Truncate(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
