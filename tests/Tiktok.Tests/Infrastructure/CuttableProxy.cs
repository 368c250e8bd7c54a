using System.Net;
using System.Net.Sockets;

namespace Tiktok.Tests.Infrastructure;

/// <summary>
/// A TCP relay on a loopback port in front of a server (the test PostgreSQL), which a test can
/// <see cref="Cut"/>: every open connection is reset and new ones are refused, as when the database
/// restarts or the network to it fails; <see cref="Restore"/> accepts connections again on the same port.
/// </summary>
public sealed class CuttableProxy : IDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly List<Socket> _open = [];
    private readonly object _lock = new();
    private TcpListener? _listener;

    public CuttableProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Port = Listen(0);
    }

    public int Port { get; }

    /// <summary>Resets every relayed connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_lock)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var socket in _open) Reset(socket);
            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_lock)
        {
            if (_listener is null) Listen(Port);
        }
    }

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            Socket client;
            try { client = await listener.AcceptSocketAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = RelayAsync(listener, client);
        }
    }

    private async Task RelayAsync(TcpListener listener, Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort);
        }
        catch (SocketException)
        {
            Reset(client);
            server.Dispose();
            return;
        }
        lock (_lock)
        {
            if (_listener != listener) // cut while connecting
            {
                Reset(client);
                Reset(server);
                return;
            }
            _open.Add(client);
            _open.Add(server);
        }
        await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        lock (_lock)
        {
            _open.Remove(client);
            _open.Remove(server);
        }
        client.Dispose();
        server.Dispose();
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0) return;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    /// <summary>Closes with a TCP reset, as a crashed server's kernel does.</summary>
    private static void Reset(Socket socket)
    {
        try { socket.LingerState = new LingerOption(true, 0); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        socket.Dispose();
    }

    public void Dispose() => Cut();
}
