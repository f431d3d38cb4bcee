using PrintFarm.Designs;
using PrintFarm.Orders;
using PrintFarm.Orders.Designs;

namespace PrintFarm.Tests.Orders;

/// <summary>An order item that names a catalog design takes its time, material, model and grams from the file.</summary>
[Trait("Category", "Unit")]
public sealed class OrderDesignsTests
{
    private static readonly Guid Cube = Guid.Parse("5d1d2f0e-6a4b-4c53-9b1e-0c6a1f4b7a01");
    private static readonly Guid Project = Guid.Parse("5d1d2f0e-6a4b-4c53-9b1e-0c6a1f4b7a02");
    private static readonly Guid Mesh = Guid.Parse("5d1d2f0e-6a4b-4c53-9b1e-0c6a1f4b7a03");

    private static DesignView Design(Guid id, string name, PrintFileFacts facts, string owner = "ana@example.com") => new()
    {
        Id = id, Owner = owner, Name = name, Sha256 = new string('a', 63) + id.ToString()[^1], Size = 1234,
        UploadedAt = DateTimeOffset.UnixEpoch, Facts = facts, ThumbnailSha256 = "thumb",
    };

    private static readonly Dictionary<Guid, DesignView> Catalog = new()
    {
        [Cube] = Design(Cube, "cube.gcode", new PrintFileFacts
        {
            Format = DesignFormat.GCode, EstimatedPrintSeconds = 750.4, FilamentGrams = 0.75, Materials = ["PLA"], PrinterModel = "MK4S",
        }),
        [Project] = Design(Project, "plates.gcode.3mf", new PrintFileFacts
        {
            Format = DesignFormat.SlicedThreeMf, EstimatedPrintSeconds = 3000, FilamentGrams = 9, Materials = ["petg"], PrinterModel = "Bambu Lab P1S",
            Plates = [new PlateFacts { Index = 1, EstimatedPrintSeconds = 1000, FilamentGrams = 3 }, new PlateFacts { Index = 2, EstimatedPrintSeconds = 2000, FilamentGrams = 6 }],
        }),
        [Mesh] = Design(Mesh, "bracket.stl", new PrintFileFacts { Format = DesignFormat.Stl, NeedsSlicing = true }),
    };

    private static PlaceOrderRequest Order(params OrderItemRequest[] items) => new() { Items = [.. items] };

    [Fact]
    public void The_file_says_the_time_material_model_and_grams_and_names_the_item()
    {
        var (items, errors) = OrderDesigns.Resolve(Order(new OrderItemRequest { DesignId = Cube, Quantity = 2 }), Catalog, "ana@example.com");
        Assert.Empty(errors);
        var item = items[0];
        Assert.Equal(("cube.gcode", "PLA", 751, "MK4S", 0.75), (item.Design, item.Material, item.EstimatedPrintSeconds, item.PrinterModel, item.MaterialGrams));
        Assert.Equal(new PrintFileRef { Sha256 = Catalog[Cube].Sha256, Format = DesignFormat.GCode, Size = 1234 }, item.File);
        Assert.Equal("thumb", item.ThumbnailSha256);
    }

    [Fact]
    public void A_3mf_prints_the_plate_asked_for_or_the_first_and_its_figures_are_that_plates()
    {
        var (items, _) = OrderDesigns.Resolve(Order(
            new OrderItemRequest { DesignId = Project, Quantity = 1 },
            new OrderItemRequest { DesignId = Project, Quantity = 1, Plate = 2, Material = "PETG" }), Catalog, "ana@example.com");
        Assert.Equal((1, 1000, 3.0, "PETG"), (items[0].File!.Plate!.Value, items[0].EstimatedPrintSeconds, items[0].MaterialGrams!.Value, items[0].Material));
        Assert.Equal((2, 2000, 6.0), (items[1].File!.Plate!.Value, items[1].EstimatedPrintSeconds, items[1].MaterialGrams!.Value));

        var (_, errors) = OrderDesigns.Resolve(Order(new OrderItemRequest { DesignId = Project, Quantity = 1, Plate = 3 }), Catalog, "ana@example.com");
        Assert.Contains("plates 1, 2", Assert.Single(errors["items[0].plate"]));
    }

    [Fact]
    public void A_material_the_file_was_not_sliced_for_is_refused_rather_than_overridden()
    {
        var (items, errors) = OrderDesigns.Resolve(Order(new OrderItemRequest { DesignId = Cube, Quantity = 1, Material = "PETG" }), Catalog, "ana@example.com");
        Assert.Empty(items);
        Assert.Contains("sliced for PLA, not PETG", Assert.Single(errors["items[0].material"]));
    }

    [Fact]
    public void Another_accounts_design_or_none_at_all_is_the_same_error()
    {
        var missing = Guid.NewGuid();
        var (_, errors) = OrderDesigns.Resolve(Order(
            new OrderItemRequest { DesignId = Cube, Quantity = 1 },
            new OrderItemRequest { DesignId = missing, Quantity = 1 }), Catalog, "dora@example.com");
        Assert.Equal($"There is no design {Cube} in this account's catalog.", Assert.Single(errors["items[0].designId"]));
        Assert.Equal($"There is no design {missing} in this account's catalog.", Assert.Single(errors["items[1].designId"]));
    }

    [Fact]
    public void A_mesh_needs_the_customers_estimate_and_material_and_has_no_file_to_send_yet()
    {
        var (_, errors) = OrderDesigns.Resolve(Order(new OrderItemRequest { DesignId = Mesh, Quantity = 1 }), Catalog, "ana@example.com");
        Assert.Equal(["items[0].estimatedPrintSeconds", "items[0].material"], errors.Keys.Order());

        var (items, none) = OrderDesigns.Resolve(Order(new OrderItemRequest { DesignId = Mesh, Quantity = 1, Material = "pla", EstimatedPrintSeconds = 600 }), Catalog, "ana@example.com");
        Assert.Empty(none);
        Assert.Null(items[0].File);
        Assert.Equal((600, "PLA"), (items[0].EstimatedPrintSeconds, items[0].Material));
    }

    [Fact]
    public void An_operator_may_let_the_file_go_to_any_printer_model()
    {
        var (items, _) = OrderDesigns.Resolve(Order(new OrderItemRequest { DesignId = Cube, Quantity = 1, AnyPrinterModel = true }), Catalog, null);
        Assert.Null(items[0].PrinterModel);
    }

    [Fact]
    public void The_jobs_carry_the_file_and_a_meshs_jobs_wait_held_for_a_sliced_file()
    {
        var request = new PlaceOrderRequest
        {
            Customer = new CustomerInfo { Name = "Ana", Email = "ana@example.com" },
            Shipping = new ShippingInfo { Method = "pickup" },
            Items = [new OrderItemRequest { DesignId = Cube, Quantity = 1 }, new OrderItemRequest { DesignId = Mesh, Quantity = 1, Material = "PLA", EstimatedPrintSeconds = 600 }],
        };
        var (designed, _) = OrderDesigns.Resolve(request, Catalog, "ana@example.com");
        var order = new PrintFarm.Orders.Order(PrintFarm.Orders.Order.Place("PF-ABCD-EFGH-J", request, DateTimeOffset.UnixEpoch, designed: designed));
        var jobs = order.JobsToCreate().ToList();
        Assert.Equal((Catalog[Cube].Sha256, "MK4S", 0.75, false), (jobs[0].File!.Sha256, jobs[0].PrinterModel, jobs[0].MaterialGrams, jobs[0].NeedsSlicedFile));
        Assert.True(jobs[1].NeedsSlicedFile);

        var job = new PrintFarm.Jobs.PrintJob(new PrintFarm.Jobs.PrintJobState(), maxAttempts: 3);
        job.Create(jobs[1], DateTimeOffset.UnixEpoch);
        Assert.False(job.IsWaitingInQueue);
        Assert.Equal(PrintFarm.Jobs.PrintJobSpec.WaitingForSlicedFile, job.State.Problem);
        Assert.False(job.Release()); // nothing a printer could print yet
    }
}
