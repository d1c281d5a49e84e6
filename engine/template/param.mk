# engine/template: param part
