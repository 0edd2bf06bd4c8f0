// A minimal CardService: builders that record what they were given, so the homepage card the
// add-on builds can be inspected as data. https://developers.google.com/apps-script/reference/card-service
import type { Runtime } from "../../core/runtime";

type Props = Record<string, unknown>;

class Recorder {
  readonly props: Props = {};
  readonly children: Recorder[] = [];
  constructor(
    private readonly rt: Runtime,
    readonly kind: string,
  ) {
    return new Proxy(this, {
      get: (target, name, receiver) => {
        if (typeof name !== "string" || name in target) return Reflect.get(target, name, receiver);
        return (...args: unknown[]) => {
          target.rt.call(`${target.kind}.${name}`);
          if (name === "build") return target;
          if (name.startsWith("add"))
            target.children.push(...(args.filter((a) => a instanceof Recorder) as Recorder[]));
          else
            target.props[name.replace(/^set/, "").replace(/^./, (c) => c.toLowerCase())] =
              args.length === 1 ? args[0] : args;
          return receiver;
        };
      },
    });
  }
  toJSON(): unknown {
    return {
      kind: this.kind,
      ...this.props,
      ...(this.children.length ? { children: this.children.map((c) => c.toJSON()) } : {}),
    };
  }
}

export class EmuCardService {
  constructor(private readonly rt: Runtime) {}
  newCardBuilder(): unknown {
    this.rt.call("CardService.newCardBuilder");
    return new Recorder(this.rt, "Card");
  }
  newCardHeader(): unknown {
    this.rt.call("CardService.newCardHeader");
    return new Recorder(this.rt, "CardHeader");
  }
  newCardSection(): unknown {
    this.rt.call("CardService.newCardSection");
    return new Recorder(this.rt, "CardSection");
  }
  newTextParagraph(): unknown {
    this.rt.call("CardService.newTextParagraph");
    return new Recorder(this.rt, "TextParagraph");
  }
  newTextButton(): unknown {
    this.rt.call("CardService.newTextButton");
    return new Recorder(this.rt, "TextButton");
  }
}
