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

    private static PrintFarm.Orders.Order MeshOrder(out PrintFarm.Jobs.PrintJob job)
    {
        var request = new PlaceOrderRequest
        {
            Customer = new CustomerInfo { Name = "Ana", Email = "ana@example.com" },
            Shipping = new ShippingInfo { Method = "pickup" },
            Items = [new OrderItemRequest { DesignId = Mesh, Quantity = 1, Material = "PLA", EstimatedPrintSeconds = 600 }, new OrderItemRequest { Design = "by hand", Material = "PLA", EstimatedPrintSeconds = 60, Quantity = 1 }],
        };
        var (designed, _) = OrderDesigns.Resolve(request, Catalog, "ana@example.com");
        var order = new PrintFarm.Orders.Order(PrintFarm.Orders.Order.Place("PF-ABCD-EFGH-J", request, DateTimeOffset.UnixEpoch, designed: designed));
        job = new PrintFarm.Jobs.PrintJob(new PrintFarm.Jobs.PrintJobState(), maxAttempts: 3);
        job.Create(order.JobsToCreate().First(), DateTimeOffset.UnixEpoch);
        return order;
    }

    [Fact]
    public void A_sliced_file_attached_to_a_mesh_must_be_in_the_accounts_catalog_sliced_and_for_the_items_material()
    {
        var order = MeshOrder(out _);
        var item = order.State.Items[0];
        var (_, theirs) = OrderDesigns.ResolveSliced(item, Cube, Design(Cube, "cube.gcode", Catalog[Cube].Facts, owner: "bob@example.com"), null, false, "ana@example.com");
        Assert.Contains("catalog of the order's account", Assert.Single(theirs["designId"]));
        var (_, missing) = OrderDesigns.ResolveSliced(item, Cube, null, null, false, "ana@example.com");
        Assert.Contains("catalog", Assert.Single(missing["designId"]));
        var (_, mesh) = OrderDesigns.ResolveSliced(item, Mesh, Catalog[Mesh], null, false, "ana@example.com");
        Assert.Contains("needs slicing too", Assert.Single(mesh["designId"]));
        var (_, petg) = OrderDesigns.ResolveSliced(item, Project, Catalog[Project], null, false, "ana@example.com");
        Assert.Contains("sliced for PETG, not PLA", Assert.Single(petg["material"]));
        var (_, plate) = OrderDesigns.ResolveSliced(item, Cube, Catalog[Cube], 2, false, "ana@example.com");
        Assert.Single(plate["plate"]);

        var (sliced, errors) = OrderDesigns.ResolveSliced(item, Cube, Catalog[Cube], null, false, "ana@example.com");
        Assert.Empty(errors);
        Assert.Equal((Catalog[Cube].Sha256, 751, "MK4S", "PLA"), (sliced!.File!.Sha256, sliced.EstimatedPrintSeconds, sliced.PrinterModel, sliced.Material));
        var (anyModel, _) = OrderDesigns.ResolveSliced(item, Cube, Catalog[Cube], null, true, "ana@example.com");
        Assert.Null(anyModel!.PrinterModel);
    }

    [Fact]
    public void Only_an_open_designed_item_takes_a_sliced_file_and_then_only_that_one()
    {
        var order = MeshOrder(out _);
        Assert.Contains("no item 2", Assert.Throws<OrderTransitionException>(() => order.EnsureSliceable(2)).Message);
        Assert.Contains("described by hand", Assert.Throws<OrderTransitionException>(() => order.EnsureSliceable(1)).Message);
        order.EnsureSliceable(0);

        var (sliced, _) = OrderDesigns.ResolveSliced(order.State.Items[0], Cube, Catalog[Cube], null, false, "ana@example.com");
        order.SlicedFileAttached(0, sliced!, DateTimeOffset.UnixEpoch.AddMinutes(1));
        order.EnsureSliceable(0, Catalog[Cube].Sha256); // the same file again is a retry
        Assert.Contains("already has its sliced file", Assert.Throws<OrderTransitionException>(() => order.EnsureSliceable(0, Catalog[Project].Sha256)).Message);
        var version = order.State.Version;
        order.SlicedFileAttached(0, sliced!, DateTimeOffset.UnixEpoch.AddMinutes(2));
        Assert.Equal(version, order.State.Version); // and changes nothing
        Assert.Equal("bracket.stl is ready for the printers.", order.State.Timeline[^1].Note);
    }

    [Fact]
    public void The_waiting_copy_prints_the_attached_file_and_the_order_asks_until_every_copy_has_it()
    {
        var order = MeshOrder(out var job);
        var (sliced, _) = OrderDesigns.ResolveSliced(order.State.Items[0], Cube, Catalog[Cube], null, false, "ana@example.com");
        order.SlicedFileAttached(0, sliced!, DateTimeOffset.UnixEpoch.AddMinutes(1));
        Assert.True(order.NeedsFilesTold);
        Assert.Equal([0], order.FilesToTell());
        Assert.Equal([job.State.Spec!.JobId], order.QueuedJobsOf(0));

        // A copy that has not heard yet keeps the order asking.
        Assert.False(order.FileTold(0, [job.Snapshot()], DateTimeOffset.UnixEpoch.AddMinutes(1)));
        Assert.True(order.NeedsFilesTold);

        var file = order.SlicedFileFor(0);
        Assert.Equal((751, "MK4S", 0.75, false), (file.EstimatedPrintSeconds, file.PrinterModel, file.MaterialGrams, file.KeepHeld));
        Assert.True(job.AttachSlicedFile(file));
        Assert.True(job.IsWaitingInQueue);
        Assert.Null(job.State.Problem);
        Assert.Equal((751, "MK4S", Catalog[Cube].Sha256), (job.State.Spec!.EstimatedPrintSeconds, job.State.Spec.PrinterModel, job.State.Spec.File!.Sha256));
        Assert.False(job.AttachSlicedFile(file)); // once

        Assert.True(order.FileTold(0, [job.Snapshot()], DateTimeOffset.UnixEpoch.AddMinutes(1)));
        Assert.False(order.NeedsFilesTold);
    }

    [Fact]
    public void A_copy_of_an_order_on_hold_takes_its_file_and_stays_held()
    {
        var order = MeshOrder(out var job);
        var (sliced, _) = OrderDesigns.ResolveSliced(order.State.Items[0], Cube, Catalog[Cube], null, false, "ana@example.com");
        order.SlicedFileAttached(0, sliced!, DateTimeOffset.UnixEpoch);
        Assert.True(job.AttachSlicedFile(order.SlicedFileFor(0) with { KeepHeld = true }));
        Assert.False(job.IsWaitingInQueue);
        Assert.True(job.Release());
        Assert.True(job.IsWaitingInQueue);
    }
}
