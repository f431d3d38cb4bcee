using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PrintFarm.Accounts;
using PrintFarm.Designs;
using PrintFarm.Gateway.Access;
using PrintFarm.Gateway.Security;

namespace PrintFarm.Gateway.Api;

/// <summary>
/// The design catalog: uploads streamed to the cluster a piece at a time (never whole in the
/// gateway's memory, nor on its disk), the caller's designs, and their files and thumbnails.
/// </summary>
public static class DesignsApi
{
    /// <summary>The pieces an upload and a download travel in between gateway and silo.</summary>
    public const int Piece = 1024 * 1024;

    public static IEndpointRouteBuilder MapDesignsApi(this IEndpointRouteBuilder app)
    {
        var designs = app.MapGroup("/api/designs").WithTags("Designs");
        designs.MapPost("/", Upload)
            .RequireAuthorization(AccessPolicies.Ordering)
            .DisableAntiforgery()
            .WithMetadata(TakesMultipartUpload.Instance)
            .WithSummary("Upload a design (multipart field 'file'; staff may add 'customer' to upload on a customer's behalf): G-code, binary G-code, 3MF, STL or OBJ")
            .Produces<DesignView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        designs.MapGet("/", List)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("The caller's designs, newest first (staff: ?customer= for a customer's)");
        designs.MapGet("/{id:guid}", Get)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("A design: its file's name, size, SHA-256 and what the farm read from it");
        designs.MapGet("/{id:guid}/file", File)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("The design's file, as uploaded");
        designs.MapGet("/{id:guid}/thumbnail", Thumbnail)
            .RequireAuthorization(AccessPolicies.Reading)
            .WithSummary("The image the slicer embedded in the file (404 when it had none)");
        designs.MapDelete("/{id:guid}", Delete)
            .RequireAuthorization(AccessPolicies.Ordering)
            .WithSummary("Remove a design from the catalog");
        return app;
    }

    private static async Task<IResult> Upload(HttpContext context, ClaimsPrincipal user, IClusterClient cluster, IOptions<GatewayLimits> limits, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limits.Value.MaxDesignUploadBytes;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return Problem(400, "Send the design as multipart/form-data", "Put the file in a form field named 'file' (curl -F file=@cube.gcode).");

        var owner = user.Account()!;
        var id = Guid.NewGuid();
        var upload = cluster.GetGrain<IDesignUploadGrain>(id);
        string? name = null;
        long sent = 0;
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (field == "customer" && !disposition.IsFileDisposition())
                {
                    var customer = AccountNames.Normalize((await new StreamReader(section.Body).ReadToEndAsync(cancellationToken)).Trim());
                    // Only staff upload for someone else; a customer's form field changes nothing.
                    if (user.IsStaff() && customer.Length > 0)
                    {
                        if (await cluster.GetGrain<IAccountGrain>(customer).View() is not { Role: AccountRole.Customer })
                            return Problem(400, "No such customer", $"There is no customer account '{customer}' to upload for.");
                        owner = customer;
                    }
                    continue;
                }
                if (field != "file" || !disposition.IsFileDisposition() || name is not null) continue;
                name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "design";
                var buffer = new byte[Piece];
                int read;
                while ((read = await section.Body.ReadAtLeastAsync(buffer, Piece, throwOnEndOfStream: false, cancellationToken)) > 0)
                {
                    await upload.Append(sent, read == Piece ? buffer : buffer[..read]);
                    sent += read;
                }
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(413, "The file is too large", $"A design upload may be at most {limits.Value.MaxDesignUploadBytes} bytes (Gateway:Limits:MaxDesignUploadBytes).");
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return Problem(400, "The upload is not a complete form", "The multipart body ended early or is malformed; send the file again.");
        }
        if (name is null) return Problem(400, "No file in the upload", "Put the file in a form field named 'file' (curl -F file=@cube.gcode).");
        var design = await upload.Complete(owner, name);
        return TypedResults.Created($"/api/designs/{design.Id}", design);
    }

    private static async Task<IResult> List(ClaimsPrincipal user, IClusterClient cluster, string? customer)
    {
        var account = user.IsStaff() && customer is { Length: > 0 } ? AccountNames.Normalize(customer) : user.Account()!;
        var ids = await cluster.GetGrain<ICustomerDesignsGrain>(account).List();
        var views = await Task.WhenAll(ids.Select(id => cluster.GetGrain<IDesignGrain>(id).Get()));
        return TypedResults.Ok(views.OfType<DesignView>().ToList());
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IClusterClient cluster, IAuthorizationService access) =>
        await Visible(id, user, cluster, access) is { } design ? TypedResults.Ok(design) : NotFound(id);

    private static async Task<IResult> File(Guid id, HttpContext context, ClaimsPrincipal user, IClusterClient cluster, IAuthorizationService access, CancellationToken cancellationToken)
    {
        if (await Visible(id, user, cluster, access) is not { } design) return NotFound(id);
        var response = context.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = design.Size;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = design.Name }.ToString();
        response.Headers.ETag = $"\"{design.Sha256}\"";
        await Stream(cluster, design.Sha256, response, cancellationToken);
        return TypedResults.Empty;
    }

    private static async Task<IResult> Thumbnail(Guid id, HttpContext context, ClaimsPrincipal user, IClusterClient cluster, IAuthorizationService access, CancellationToken cancellationToken)
    {
        if (await Visible(id, user, cluster, access) is not { ThumbnailSha256: { } thumbnail } design)
            return Problem(404, "No thumbnail", $"Design {id} has no image the farm can show, or there is no such design.");
        var bytes = await cluster.GetGrain<IDesignFilesGrain>(0).Read(thumbnail, 0, Piece);
        if (bytes is null) return NotFound(id);
        return TypedResults.File(bytes, design.Facts.ThumbnailType ?? "image/png");
    }

    private static async Task<IResult> Delete(Guid id, ClaimsPrincipal user, IClusterClient cluster, IAuthorizationService access)
    {
        if (await Visible(id, user, cluster, access) is null) return NotFound(id);
        await cluster.GetGrain<IDesignGrain>(id).Delete();
        return TypedResults.NoContent();
    }

    /// <summary>The design when it exists and this caller may see it; null otherwise, so both answer the same 404.</summary>
    private static async Task<DesignView?> Visible(Guid id, ClaimsPrincipal user, IClusterClient cluster, IAuthorizationService access)
    {
        var design = await cluster.GetGrain<IDesignGrain>(id).Get();
        if (design is null) return null;
        return (await access.AuthorizeAsync(user, design, AccessPolicies.DesignAccess)).Succeeded ? design : null;
    }

    private static async Task Stream(IClusterClient cluster, string sha256, HttpResponse response, CancellationToken cancellationToken)
    {
        var files = cluster.GetGrain<IDesignFilesGrain>(0);
        long offset = 0;
        while (true)
        {
            var piece = await files.Read(sha256, offset, Piece);
            if (piece is not { Length: > 0 }) return;
            await response.Body.WriteAsync(piece, cancellationToken);
            offset += piece.Length;
        }
    }

    private static IResult NotFound(Guid id) => Problem(404, "No such design", $"There is no design {id}.");

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
