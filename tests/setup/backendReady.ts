import { backendReady } from "@tsdl/lib";

await backendReady();
