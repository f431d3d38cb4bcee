using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PrintFarm.Harness;

namespace PrintFarm.Tests.Notifications;

/// <summary>
/// A receiver on a free loopback port, as a customer's system runs one: <c>/hook</c> takes JSON
/// webhooks (answering 503 to the first <c>failFirst</c>), <c>/sculpteo</c> takes the Sculpteo form
/// post, <c>/moved</c> answers a redirect. Everything it was sent is kept in order.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hooks;

    public sealed record Received(string Path, string Body, IHeaderDictionary Headers, int Answer);

    public ConcurrentQueue<Received> Requests { get; } = new();
    public string BaseUrl { get; }
    /// <summary>How many calls to /hook fail before it accepts them.</summary>
    public int FailFirst { get; set; }
    /// <summary>Completed by the test to let <c>/slow</c> answer.</summary>
    public TaskCompletionSource SlowAnswer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(int port)
    {
        BaseUrl = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hook", async (HttpContext context) =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            var answer = Interlocked.Increment(ref _hooks) <= FailFirst ? 503 : 204;
            Requests.Enqueue(new Received("/hook", body, new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), answer));
            return Results.StatusCode(answer);
        });
        _app.MapPost("/sculpteo", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            Requests.Enqueue(new Received("/sculpteo", $"reference={form["reference"]}", new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), 200));
            return Results.Ok();
        });
        // A receiver that takes its time: it answers only once the test lets it (or after a minute).
        _app.MapPost("/slow", async (HttpContext context) =>
        {
            Requests.Enqueue(new Received("/slow", "", new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)), 0));
            await Task.WhenAny(SlowAnswer.Task, Task.Delay(TimeSpan.FromMinutes(1)));
            return Results.NoContent();
        });
        _app.MapPost("/moved", (HttpContext context) =>
        {
            Requests.Enqueue(new Received("/moved", "", new HeaderDictionary(), 302));
            return Results.Redirect("http://169.254.169.254/latest/meta-data");
        });
    }

    public static async Task<WebhookReceiver> Start(int? port = null)
    {
        var receiver = new WebhookReceiver(port ?? FreePort.Next());
        await receiver._app.StartAsync();
        return receiver;
    }

    public List<Received> To(string path) => Requests.Where(r => r.Path == path).ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
