using PrintFarm.PrinterSimulator;

// e.g. PrintFarm.PrinterSimulator --printers 20 --broker 127.0.0.1:1883 --failure-rate 0.05 --seed 42
return await SimulatorCommandLine.RunAsync(args);
