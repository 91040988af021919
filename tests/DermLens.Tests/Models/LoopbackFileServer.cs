using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DermLens.Tests.Models;

/// <summary>
/// An HTTP server on 127.0.0.1 that serves one file under /models/NAME, answering Range requests with 206 like
/// download.pytorch.org's CDN, and records every request's Range header. It can break off its first answer halfway
/// (the connection closes with half the bytes sent) and can ignore Range like a server without resume support.
/// </summary>
sealed class LoopbackFileServer : IDisposable
{
    readonly HttpListener listener = new();
    readonly byte[] content;
    readonly string path;
    readonly Task serving;
    int answered;

    public LoopbackFileServer(string name, byte[] content, bool breakOffFirstAnswer = false, bool honourRange = true)
    {
        this.content = content;
        path = "/models/" + name;
        BreakOffFirstAnswer = breakOffFirstAnswer;
        HonourRange = honourRange;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        serving = Task.Run(Serve);
    }

    public int Port { get; }
    bool BreakOffFirstAnswer { get; }
    bool HonourRange { get; }

    /// <summary>The download folder, with the trailing slash: what DERMLENS_WEIGHTS_URL would hold.</summary>
    public Uri Folder => new($"http://127.0.0.1:{Port}/models/");

    /// <summary>The Range header of each request so far, in order (null where there was none).</summary>
    public ConcurrentQueue<string?> Ranges { get; } = new();

    /// <summary>A port on 127.0.0.1 that nothing listens on at the moment.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away; the next request is served as usual.
            }
        }
    }

    void Answer(HttpListenerContext context)
    {
        var range = context.Request.Headers["Range"];
        Ranges.Enqueue(range);
        var response = context.Response;
        if (context.Request.Url?.AbsolutePath != path)
        {
            response.StatusCode = 404;
            response.Close();
            return;
        }
        var from = HonourRange && range != null ? long.Parse(range["bytes=".Length..].TrimEnd('-')) : 0;
        if (from > 0)
        {
            response.StatusCode = 206;
            response.AddHeader("Content-Range", $"bytes {from}-{content.Length - 1}/{content.Length}");
        }
        response.ContentLength64 = content.Length - from;
        if (BreakOffFirstAnswer && Interlocked.Increment(ref answered) == 1)
        {
            response.OutputStream.Write(content, 0, content.Length / 2);
            response.OutputStream.Flush();
            response.Abort();
            return;
        }
        response.OutputStream.Write(content, (int)from, content.Length - (int)from);
        response.Close();
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }
}
