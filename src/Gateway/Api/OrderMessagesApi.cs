using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PrintFarm.Designs;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Cluster;
using PrintFarm.Orders;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// The thread between an order's customer and the shop: <c>GET</c> and <c>POST
/// /api/orders/{reference}/messages</c>, with attachments (images and PDFs, checked by content,
/// kept in the design store). The customer writes with its key (or from the tracking page, see
/// <see cref="Tracking.TrackingEndpoints"/>); staff write for the shop, and the other side hears of
/// it by email and webhook through the order's events.
/// </summary>
public static class OrderMessagesApi
{
    public static IEndpointRouteBuilder MapOrderMessagesApi(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/api/orders/{reference}/messages").WithTags("Orders");
        messages.MapGet("/", List)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("The order's thread between customer and shop, oldest first");
        messages.MapPost("/", Post)
            .RequireAuthorization(AccessPolicies.Ordering)
            .DisableAntiforgery()
            .WithMetadata(Security.TakesMultipartUpload.Instance)
            .WithSummary("Write to the order's thread: JSON {\"text\"}, or multipart with 'text' and up to 5 'file' parts (PNG, JPEG, GIF, WebP or PDF, 5 MiB each)")
            .Produces<MessageResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        messages.MapGet("/{number:int}/attachments/{index:int}", Attachment)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("A file sent with a message");
        return app;
    }

    private static async Task<IResult> List(string reference, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry, IAuthorizationService access)
    {
        if (await OrdersApi.Visible(reference, user, cluster, retry, access) is not { } view) return OrdersApi.NotFound(reference);
        return TypedResults.Ok(view.Messages.Select(m => MessageResponse.For(m, reference, user.IsStaff())).ToList());
    }

    private static async Task<IResult> Post(string reference, HttpRequest request, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry,
        IAuthorizationService access, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await OrdersApi.Visible(reference, user, cluster, retry, access) is null) return OrdersApi.NotFound(reference);
        string? text;
        List<MessageAttachment> attachments = [];
        if (request.HasFormContentType)
        {
            var (form, files, problem) = await ReadForm(request, cluster, retry, cancellationToken);
            if (problem is not null) return problem;
            (text, attachments) = (form, files);
        }
        else
        {
            var (body, problem) = await JsonBody.Read<MessageRequest>(request, json.Value.SerializerOptions, cancellationToken);
            if (problem is not null) return problem;
            text = body!.Text;
        }
        var from = user.IsStaff() ? MessageAuthor.Shop : MessageAuthor.Customer;
        try
        {
            var message = await cluster.GetGrain<IOrderGrain>(reference).PostMessage(from, text ?? "", attachments, user.Account());
            return TypedResults.Created($"/api/orders/{reference}/messages", MessageResponse.For(message, reference, user.IsStaff()));
        }
        catch (MessageRefusedException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [e.Message] }, title: "The message is not valid");
        }
    }

    /// <summary>
    /// A multipart message: its text and its files, each checked by content and size and kept in the
    /// design store; a file that is refused refuses the whole message, and nothing is posted.
    /// </summary>
    internal static async Task<(string? Text, List<MessageAttachment> Files, ProblemHttpResult? Problem)> ReadForm(HttpRequest request, IClusterClient cluster, FirstHopRetry retry, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = (long)MessageLimits.MaxAttachments * MessageLimits.MaxAttachmentBytes + 64 * 1024;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = MessageLimits.MaxAttachmentBytes }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return (null, [], TypedResults.Problem(statusCode: 413, title: "The message is too large",
                detail: $"Each attachment may be at most {MessageLimits.MaxAttachmentBytes / (1024 * 1024)} MiB, and a message carries at most {MessageLimits.MaxAttachments}. Nothing was posted."));
        }
        var files = form.Files.Where(f => f.Name == "file" && f.Length > 0).ToList();
        if (files.Count > MessageLimits.MaxAttachments)
            return (null, [], TypedResults.Problem(statusCode: 400, title: "Too many attachments", detail: $"A message carries at most {MessageLimits.MaxAttachments} files. Nothing was posted."));
        var kept = new List<MessageAttachment>();
        foreach (var file in files)
        {
            if (file.Length > MessageLimits.MaxAttachmentBytes)
                return (null, [], TypedResults.Problem(statusCode: 413, title: "The attachment is too large", detail: $"'{Shown(file.FileName)}' is over {MessageLimits.MaxAttachmentBytes / (1024 * 1024)} MiB. Nothing was posted."));
            var bytes = new byte[file.Length];
            await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, cancellationToken);
            if (MessageLimits.TypeOf(bytes) is not { } type)
                return (null, [], TypedResults.Problem(statusCode: 400, title: "The farm cannot take this file",
                    detail: $"'{Shown(file.FileName)}' is not a PNG, JPEG, GIF, WebP or PDF file (read from its content, not its name). Nothing was posted."));
            var sha = await retry.RunOnAnyWorker<IDesignFilesGrain, string>(cluster, store => store.Keep(bytes));
            kept.Add(new MessageAttachment { Name = Shown(Path.GetFileName(file.FileName)), Type = type, Size = bytes.Length, Sha256 = sha });
        }
        return (form["text"].ToString(), kept, null);
    }

    private static async Task<IResult> Attachment(string reference, int number, int index, ClaimsPrincipal user, IClusterClient cluster, FirstHopRetry retry, IAuthorizationService access)
    {
        if (await OrdersApi.Visible(reference, user, cluster, retry, access) is not { } view) return OrdersApi.NotFound(reference);
        return await Download(view, number, index, cluster, retry);
    }

    internal static async Task<IResult> Download(OrderView view, int number, int index, IClusterClient cluster, FirstHopRetry retry)
    {
        if (view.Messages.Find(m => m.Number == number)?.Attachments.ElementAtOrDefault(index) is not { } file)
            return TypedResults.Problem(statusCode: 404, title: "No such attachment", detail: $"Message {number} of order {view.Reference} has no attachment {index}.");
        var bytes = await retry.Run(() => cluster.GetGrain<IDesignFilesGrain>(0).Read(file.Sha256, 0, MessageLimits.MaxAttachmentBytes));
        if (bytes is null) return TypedResults.Problem(statusCode: 404, title: "No such attachment", detail: "The file is no longer in the store.");
        // Content-addressed, and served as an attachment: a browser never runs it in the farm's origin.
        return Results.File(bytes, file.Type, file.Name);
    }

    private static string Shown(string? name)
    {
        var clean = string.Concat((name ?? "file").Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/')));
        return clean.Length == 0 ? "file" : clean.Length > 100 ? clean[..100] : clean;
    }
}
