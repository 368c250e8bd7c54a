// One server and one Chromium at a time: the suites share two cores with the rest of the build.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
